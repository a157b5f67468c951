package io.jansuite.system;

import io.jansuite.testing.LocalServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole suite as {@code ./run.sh} starts it (the Launcher, five packaged services, the ingress), with its ports moved by {@link #PORT_OFFSET},
 * in a scratch root under {@code target/} so that a developer's {@code .local/} is left alone. PostgreSQL: a
 * fresh database on 127.0.0.1:5432 when one listens there, the Launcher's embedded one otherwise; Redis when
 * it is there (required under CI=true).
 */
final class RunningSuite {

    /**
     * Every port moves by this much (ingress 28000, services 28081.. by default; {@code SYSTEM_TESTS_PORT_OFFSET}
     * sets another), so a developer's ./run.sh, or a second checkout's system tests, can stay up.
     */
    static final int PORT_OFFSET = Integer.parseInt(System.getenv().getOrDefault("SYSTEM_TESTS_PORT_OFFSET", "20000"));
    static final String BASE = "http://localhost:" + (8000 + PORT_OFFSET);
    static final String ADMIN_EMAIL = "admin@system-tests.example";
    static final String ADMIN_PASSWORD = "system-tests-admin-" + UUID.randomUUID();
    static final List<String> SERVICES = List.of("auth-service", "conversation-service", "inference-service",
            "catalog-service", "admin-service");

    final Path repo;
    final Path root;
    /** The ingress of this suite. */
    final String base;
    private final Process launcher;
    private final String database;

    private RunningSuite(Path repo, Path root, String base, Process launcher, String database) {
        this.repo = repo;
        this.root = root;
        this.base = base;
        this.launcher = launcher;
        this.database = database;
    }

    private static RunningSuite shared;

    /** The one suite of this test run, started on first use; test classes share it. */
    static synchronized RunningSuite shared() throws Exception {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static RunningSuite start() throws Exception {
        return startOwn("suite-root", PORT_OFFSET, Map.of());
    }

    /**
     * A suite of a test's own, beside the shared one: its own ports ({@code offset}), its own PostgreSQL
     * ({@code databaseUrl}), with or without Redis. The caller stops it.
     */
    static RunningSuite startOwn(String name, int offset, String databaseUrl, boolean redis) throws Exception {
        return start(name, offset, databaseUrl, null, redis, Map.of(), Duration.ofSeconds(360));
    }

    /**
     * A suite of a test's own with more environment ({@code env}, e.g. OTEL_EXPORTER_OTLP_ENDPOINT), on a fresh
     * database of the PostgreSQL at 127.0.0.1:5432 when one listens there (dropped when it stops), the
     * Launcher's embedded one otherwise (under CI=true a missing PostgreSQL fails); with Redis when it is there.
     * The caller stops it. The shared suite is one of these with no extra environment.
     */
    static RunningSuite startOwn(String name, int offset, Map<String, String> env) throws Exception {
        String database = null;
        String databaseUrl = null;
        if (LocalServices.listening(LocalServices.POSTGRES_PORT)) {
            database = "jansuite_system_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            admin("CREATE DATABASE " + database);
            databaseUrl = "postgres://postgres@127.0.0.1:5432/" + database;
        } else if (LocalServices.isCi()) {
            throw new IllegalStateException("CI=true but no PostgreSQL listens on 127.0.0.1:5432");
        }
        // five JVMs starting on a busy 2-core machine have taken ~180 s each
        return start(name, offset, databaseUrl, database, LocalServices.redisAvailable(), env, Duration.ofSeconds(360));
    }

    private static RunningSuite start(String name, int offset, String databaseUrl, String database, boolean redis,
            Map<String, String> extraEnv, Duration healthyWithin) throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path root = Path.of("target", name).toAbsolutePath();
        Files.createDirectories(root.resolve("deploy"));
        for (String service : SERVICES) {
            link(root.resolve(service), repo.resolve(service));
        }
        for (String file : new String[] { "deploy/routes.tsv", "deploy/calls.tsv" }) {
            Files.copy(repo.resolve(file), root.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb = new ProcessBuilder("java", "-Xms16m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp",
                repo.resolve("local-suite/target/classes") + ":" + repo.resolve("local-suite/target/lib") + "/*",
                "io.jansuite.localsuite.Launcher", root.toString());
        Map<String, String> env = pb.environment();
        env.put("ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        // every test signs in from 127.0.0.1: the per-address sign-in limit is tested in auth-service
        env.put("APP_AUTH_SIGN_IN_MAX_PER_CLIENT", "100000");
        env.put("JANSUITE_PORT_OFFSET", String.valueOf(offset));
        env.remove("JANSUITE_PORT");
        env.remove("JANSUITE_PG_PORT");
        env.remove("JANSUITE_LOCAL_DIR");
        env.remove("DATABASE_URL");
        env.remove("REDIS_URL");
        // no start-up caches: a first run records them and its stop then waits for the JVMs to write them
        // (ShutdownTest times the stop); the caches have their own test (local-suite StartupCacheTest)
        env.put("JANSUITE_JVM_CACHE", "off");
        if (databaseUrl != null) {
            env.put("DATABASE_URL", databaseUrl);
        }
        if (redis) {
            env.put("REDIS_URL", LocalServices.redisUrl());
        }
        // tracing only where a test asks for it
        env.remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        env.putAll(extraEnv);
        pb.redirectErrorStream(true).redirectOutput(root.resolve("launcher.log").toFile());
        Process process = pb.start();
        RunningSuite suite = new RunningSuite(repo, root, "http://localhost:" + (8000 + offset), process, database);
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stop));
        suite.awaitHealthy(healthyWithin);
        return suite;
    }

    void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the launcher exited: " + Files.readString(root.resolve("launcher.log")));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("suite not healthy after " + timeout + ": " + last);
    }

    /** The pids of the launcher's children whose command line names the service. */
    List<ProcessHandle> processesOf(String service) {
        List<ProcessHandle> found = new ArrayList<>();
        launcher.descendants().filter(p -> p.info().commandLine().orElse("").contains("/" + service + "/"))
                .forEach(found::add);
        return found;
    }

    /** What the launcher printed so far (its console). */
    String launcherLog() throws IOException {
        return Files.readString(root.resolve("launcher.log"));
    }

    List<ProcessHandle> descendants() {
        return launcher.descendants().toList();
    }

    /** Stops the suite as Ctrl-C would (SIGTERM to the launcher) and waits for it. */
    boolean stop() {
        if (launcher.isAlive()) {
            launcher.destroy();
            try {
                launcher.waitFor(40, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            try {
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (Exception ignored) {
                // best effort
            }
        }
        return !launcher.isAlive();
    }

    private static void admin(String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void link(Path link, Path target) throws IOException {
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, target);
        }
    }
}
