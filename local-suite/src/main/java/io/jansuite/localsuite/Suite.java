package io.jansuite.localsuite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The services as child processes ({@code java -jar <svc>/target/quarkus-app/quarkus-run.jar}), each with the
 * suite's environment and its output in {@code <logs>/<service>.log} (the previous run's kept as .log.1).
 * Each runs from a snapshot of its {@code target/quarkus-app} (hard links under {@code <run>/<service>}), so
 * rebuilding a service while the suite runs cannot pull jars from under it.
 * {@link #close()} stops them all: SIGTERM, a grace period for in-flight requests, then SIGKILL.
 */
public final class Suite implements AutoCloseable {

    private final Path root;
    private final Path logs;
    private final Path run;
    private final Map<String, String> env;
    private final List<String> javaOptions;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private volatile boolean stopping;

    /**
     * @param root        the repository root (holds the service modules)
     * @param logs        where the service logs go
     * @param run         where the snapshots of the built services go
     * @param env         added to (and overriding) the launcher's own environment for every service
     * @param javaOptions JVM options of every service
     */
    public Suite(Path root, Path logs, Path run, Map<String, String> env, List<String> javaOptions) {
        this.root = root;
        this.logs = logs;
        this.run = run;
        this.env = Map.copyOf(env);
        this.javaOptions = List.copyOf(javaOptions);
    }

    public static Path runnerJar(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path logFile(String service) {
        return logs.resolve(service + ".log");
    }

    /**
     * Starts every service (name to HTTP port: the route table's); {@code onUnexpectedExit} hears of one that
     * stops while the suite is not stopping.
     */
    public synchronized void start(Map<String, Integer> services, BiConsumer<String, Integer> onUnexpectedExit)
            throws IOException {
        Files.createDirectories(logs);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String service : services.keySet()) {
            Path jar = runnerJar(root, service);
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing: build with ./mvnw -B -q -DskipTests package (or ./run.sh --rebuild)");
            }
            Path log = logFile(service);
            if (Files.exists(log)) {
                Files.move(log, logs.resolve(service + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(javaOptions);
            command.add("-jar");
            command.add(snapshot(service).resolve("quarkus-run.jar").toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(root.resolve(service).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(services.get(service)));
            Process process = builder.start();
            processes.put(service, process);
            process.onExit().thenAccept(p -> {
                if (!stopping) {
                    onUnexpectedExit.accept(service, p.exitValue());
                }
            });
        }
    }

    /** A copy of the service's quarkus-app made of hard links (plain copies where links are impossible). */
    private Path snapshot(String service) throws IOException {
        Path source = runnerJar(root, service).getParent();
        Path target = run.resolve(service);
        deleteTree(target);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    try {
                        Files.createLink(copy, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return target;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Service name to its process (alive or not). */
    public synchronized Map<String, Process> processes() {
        return Map.copyOf(processes);
    }

    public boolean isAlive(String service) {
        Process p = processes().get(service);
        return p != null && p.isAlive();
    }

    /** Stops every service: SIGTERM to all, up to {@code graceSeconds} to finish, then SIGKILL. */
    public void stop(long graceSeconds) {
        stopping = true;
        List<Process> all;
        synchronized (this) {
            all = new ArrayList<>(processes.values());
        }
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
        for (Process p : all) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop(20);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
