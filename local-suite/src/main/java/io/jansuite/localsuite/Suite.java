package io.jansuite.localsuite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The services as child processes ({@code java -jar <svc>/target/quarkus-app/quarkus-run.jar}), each with the
 * suite's environment and its output in {@code <logs>/<service>.log} (the previous run's kept as .log.1).
 * Each runs from a snapshot of its {@code target/quarkus-app} (hard links under {@code <run>/<service>}), so
 * rebuilding a service while the suite runs cannot pull jars from under it.
 * A service that exits on its own is restarted, after 1 s, 2 s, 4 s... (at most 30 s; see {@link RestartBackoff}),
 * from the same snapshot, its output appended to the same log.
 * {@link #close()} stops them all: SIGTERM, a grace period for in-flight requests, then SIGKILL.
 */
public final class Suite implements AutoCloseable {

    /** Where every service listens: only this machine reaches them; clients go through the ingress. */
    public static final String HOST = "127.0.0.1";

    /** What happens to a service after the start. */
    public interface Watcher {
        Watcher QUIET = new Watcher() {
            @Override
            public void exited(String service, int exitCode, Duration restartIn) {
            }

            @Override
            public void restarted(String service, int restarts, long pid) {
            }
        };

        /** It exited on its own (not stopped by the suite); it will be started again in {@code restartIn}. */
        void exited(String service, int exitCode, Duration restartIn);

        /** It was started again (its {@code restarts}-th restart), as process {@code pid}. */
        void restarted(String service, int restarts, long pid);
    }

    private final Path root;
    private final Path logs;
    private final Path run;
    private final Map<String, String> env;
    private final Map<String, Map<String, String>> serviceEnv;
    private final List<String> javaOptions;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, ProcessBuilder> builders = new LinkedHashMap<>();
    private final Map<String, RestartBackoff> backoffs = new LinkedHashMap<>();
    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jansuite-restarter");
        t.setDaemon(true);
        return t;
    });
    private Watcher watcher = Watcher.QUIET;
    private volatile boolean stopping;

    /**
     * @param root        the repository root (holds the service modules)
     * @param logs        where the service logs go
     * @param run         where the snapshots of the built services go
     * @param env         added to (and overriding) the launcher's own environment for every service
     * @param serviceEnv  added for one service only (its own secrets)
     * @param javaOptions JVM options of every service
     */
    public Suite(Path root, Path logs, Path run, Map<String, String> env, Map<String, Map<String, String>> serviceEnv,
                 List<String> javaOptions) {
        this.root = root;
        this.logs = logs;
        this.run = run;
        this.env = Map.copyOf(env);
        this.serviceEnv = Map.copyOf(serviceEnv);
        this.javaOptions = List.copyOf(javaOptions);
    }

    public static Path runnerJar(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path logFile(String service) {
        return logs.resolve(service + ".log");
    }

    /**
     * Starts every service (name to HTTP port: the route table's), each listening on {@link #HOST} only.
     * A service that exits while the suite is not stopping is started again after a {@link RestartBackoff};
     * {@code watcher} hears of both.
     */
    public synchronized void start(Map<String, Integer> services, Watcher watcher) throws IOException {
        this.watcher = watcher;
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
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_HOST", HOST);
            builder.environment().putAll(serviceEnv.getOrDefault(service, Map.of()));
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(services.get(service)));
            builders.put(service, builder);
            backoffs.put(service, new RestartBackoff());
            launch(service);
        }
    }

    /** Starts the service's process (again) and watches for its exit. */
    private synchronized Process launch(String service) throws IOException {
        Process process = builders.get(service).start();
        processes.put(service, process);
        long began = System.nanoTime();
        process.onExit().thenAccept(p -> exited(service, p, Duration.ofNanos(System.nanoTime() - began)));
        return process;
    }

    private void exited(String service, Process process, Duration ran) {
        Duration delay;
        synchronized (this) {
            if (stopping || processes.get(service) != process) {
                return;
            }
            delay = backoffs.get(service).after(ran);
            restarter.schedule(() -> restart(service), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        watcher.exited(service, process.exitValue(), delay);
    }

    private void restart(String service) {
        Process process;
        synchronized (this) {
            if (stopping) {
                return;
            }
            restarts.merge(service, 1, Integer::sum);
            try {
                Files.writeString(logFile(service), "---- run.sh: restarting " + service + " (restart " + restarts.get(service)
                        + ") ----\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                process = launch(service);
            } catch (IOException e) {
                Duration delay = backoffs.get(service).after(Duration.ZERO);
                restarter.schedule(() -> restart(service), delay.toMillis(), TimeUnit.MILLISECONDS);
                System.err.println("run.sh: could not restart " + service + " (" + e.getMessage() + "); trying again in "
                        + delay.toSeconds() + " s");
                return;
            }
        }
        watcher.restarted(service, restarts.get(service), process.pid());
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

    /** How often each service was restarted. */
    public Map<String, Integer> restarts() {
        return Map.copyOf(restarts);
    }

    /** Stops every service (and any restart due): SIGTERM to all, up to {@code graceSeconds} to finish, then SIGKILL. */
    public void stop(long graceSeconds) {
        List<Process> all;
        synchronized (this) {
            stopping = true;
            restarter.shutdownNow();
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
