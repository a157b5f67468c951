package io.jansuite.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL of the test's own, which it can stop and start under a running suite: {@code initdb} and
 * {@code pg_ctl} of the PostgreSQL server package ({@code /usr/lib/postgresql/<version>/bin}, or {@code PG_BIN}),
 * trust authentication for {@code postgres} on 127.0.0.1. As root, the commands run as the {@code postgres}
 * user (PostgreSQL refuses to run as root), in a directory that user owns.
 */
final class StoppablePostgres implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int port;
    private boolean running;

    private StoppablePostgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /** The server's bin directory, or null when no PostgreSQL server package is installed. */
    static Path serverBin() throws IOException {
        String configured = System.getenv("PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        }
    }

    /** A new cluster on {@code port}, started. */
    static StoppablePostgres create(Path bin, int port) throws Exception {
        Path dir = Files.createTempDirectory("jansuite-outage-pg-");
        StoppablePostgres pg = new StoppablePostgres(dir, bin, port);
        if (asRoot()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        pg.pg("initdb -D " + dir.resolve("data") + " -U postgres -A trust --no-sync > " + dir.resolve("initdb.log")
                + " 2>&1");
        pg.start();
        return pg;
    }

    String databaseUrl() {
        return "postgres://postgres@127.0.0.1:" + port + "/postgres";
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() throws Exception {
        pg("pg_ctl -D " + dir.resolve("data") + " -l " + dir.resolve("postgres.log") + " -w -t 60 -o \"-p " + port
                + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off\" start > /dev/null");
        running = true;
    }

    /** A fast shutdown: clients are disconnected, as when the database server goes away. */
    void stop() throws Exception {
        pg("pg_ctl -D " + dir.resolve("data") + " -w -t 60 -m fast stop > /dev/null");
        running = false;
    }

    @Override
    public void close() throws Exception {
        if (running) {
            stop();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void pg(String command) throws Exception {
        String line = bin + "/" + command;
        run(asRoot() ? List.of("su", "postgres", "-s", "/bin/sh", "-c", line) : List.of("/bin/sh", "-c", line));
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
