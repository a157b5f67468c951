package io.jansuite.deploy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./run.sh}: the whole suite on one machine. Checks the ports, prepares {@code .local/} (secrets, keys,
 * embedded PostgreSQL data, logs), starts the five services and the ingress on :8000, reports readiness, and
 * stops everything on Ctrl-C / SIGTERM.
 *
 * <p>Environment: JANSUITE_PORT (ingress, 8000), JANSUITE_PG_PORT (embedded PostgreSQL, 5433), JAVA_OPTS (JVM
 * options of each service), DATABASE_URL or DB_* (use that PostgreSQL instead of the embedded one), REDIS_URL,
 * ADMIN_EMAIL/ADMIN_PASSWORD (passed through), JANSUITE_START_TIMEOUT (seconds to wait for readiness, 90).
 */
public final class Launcher {

    static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx384m -XX:+ExitOnOutOfMemoryError";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, String> environment = System.getenv();
        int ingressPort = intSetting(environment, "JANSUITE_PORT", 8000);
        int pgPort = intSetting(environment, "JANSUITE_PG_PORT", 5433);
        long startTimeout = intSetting(environment, "JANSUITE_START_TIMEOUT", 90);
        Path local = root.resolve(".local");
        Path logs = local.resolve("logs");
        RouteTable routes = RouteTable.load(root.resolve("deploy/routes.tsv"));
        Map<String, Integer> services = routes.services();
        boolean externalDb = Database.configuredExternally(environment);

        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(ingressPort, "the ingress (set JANSUITE_PORT to use another)");
        services.forEach((name, port) -> ports.put(port, name));
        if (!externalDb) {
            ports.put(pgPort, "the embedded PostgreSQL (set JANSUITE_PG_PORT to use another, or DATABASE_URL to use your own)");
        }
        List<String> taken = takenPorts(ports);
        if (!taken.isEmpty()) {
            taken.forEach(msg -> System.err.println("run.sh: " + msg));
            System.err.println("run.sh: stop what listens there (see `ss -ltnp` or `lsof -i :<port>`; perhaps an earlier"
                    + " ./run.sh still running) and start again.");
            System.exit(2);
        }
        for (String service : services.keySet()) {
            if (!Files.isRegularFile(Suite.runnerJar(root, service))) {
                System.err.println("run.sh: " + Suite.runnerJar(root, service) + " is missing; run ./run.sh --rebuild");
                System.exit(2);
            }
        }

        long began = System.nanoTime();
        Files.createDirectories(logs);
        LocalSecrets secrets = LocalSecrets.ensure(local);
        Running running = new Running();
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "jansuite-shutdown"));
        try {
            running.db = externalDb ? Database.external(environment)
                    : Database.embedded(local.resolve("pgdata"), pgPort, logs.resolve("postgres.log"));
            running.suite = new Suite(root, logs, local.resolve("run"), serviceEnv(environment, running.db, secrets, ingressPort),
                    javaOptions(environment));
            running.suite.start(services.keySet(), (service, code) -> System.err.printf(
                    "run.sh: %s exited unexpectedly (code %d); see %s. /healthz reports it DOWN.%n",
                    service, code, running.suite.logFile(service)));
            running.vertx = Vertx.vertx();
            running.ingress = Ingress.start(running.vertx, "0.0.0.0", ingressPort, routes, Ingress.localUpstreams(routes),
                    Ingress.Options.defaults()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("run.sh: could not start the suite: " + e.getMessage());
            System.exit(1);
        }

        System.out.println();
        System.out.println("Jan Suite is starting. Database: " + running.db.description());
        System.out.println("  API (all routes):  http://localhost:" + ingressPort);
        System.out.println("  Health:            http://localhost:" + ingressPort + "/healthz");
        services.forEach((name, port) -> System.out.printf("  %-21s http://localhost:%d/q/swagger-ui%n", name + ":", port));
        System.out.println("  Logs:              " + logs + "/<service>.log");
        System.out.println("  Secrets and keys:  " + local + " (generated once, kept between runs)");
        System.out.println("Press Ctrl-C to stop everything.");

        awaitReady(running.ingress, startTimeout, began, logs);
        new CountDownLatch(1).await();
    }

    /** What the suite's services get on top of the launcher's own environment (which they inherit). */
    static Map<String, String> serviceEnv(Map<String, String> environment, Database db, LocalSecrets secrets, int ingressPort) {
        Map<String, String> env = new LinkedHashMap<>(db.env());
        secrets.values().forEach((k, v) -> putUnlessSet(env, environment, k, v));
        putUnlessSet(env, environment, "APP_JWT_PRIVATE_KEY_LOCATION", secrets.privateKey().toString());
        putUnlessSet(env, environment, "APP_JWT_PUBLIC_KEY_LOCATION", secrets.publicKey().toString());
        putUnlessSet(env, environment, "APP_BOOTSTRAP_SIMULATOR", "true");
        putUnlessSet(env, environment, "PUBLIC_BASE_URL", "http://localhost:" + ingressPort);
        return env;
    }

    static List<String> javaOptions(Map<String, String> environment) {
        String opts = environment.getOrDefault("JAVA_OPTS", "").isBlank() ? DEFAULT_JAVA_OPTS : environment.get("JAVA_OPTS");
        return new ArrayList<>(Arrays.asList(opts.strip().split("\\s+")));
    }

    /** A message for each port someone else holds. */
    static List<String> takenPorts(Map<Integer, String> ports) {
        List<String> taken = new ArrayList<>();
        ports.forEach((port, owner) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
            } catch (BindException e) {
                taken.add("port " + port + " is already in use; it is needed for " + owner + ".");
            } catch (IOException e) {
                taken.add("port " + port + " cannot be used (" + e.getMessage() + "); it is needed for " + owner + ".");
            }
        });
        return taken;
    }

    private static void awaitReady(Ingress ingress, long timeoutSeconds, long began, Path logs) throws InterruptedException {
        long deadline = began + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Map<String, String> last = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                last = ingress.health().statuses().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                if (last.values().stream().allMatch(HealthMonitor.UP::equals)) {
                    System.out.printf("Ready in %.1f s: http://localhost:%d/healthz is ok.%n",
                            (System.nanoTime() - began) / 1e9, ingress.port());
                    return;
                }
            } catch (Exception ignored) {
                // keep polling
            }
            Thread.sleep(1_000);
        }
        List<String> down = new ArrayList<>();
        last.forEach((name, status) -> {
            if (!HealthMonitor.UP.equals(status)) {
                down.add(name);
            }
        });
        System.err.printf("run.sh: not ready after %d s: %s. See %s/<service>.log; still waiting.%n",
                timeoutSeconds, String.join(", ", down), logs);
    }

    private static void putUnlessSet(Map<String, String> env, Map<String, String> environment, String name, String value) {
        String existing = environment.get(name);
        if (existing == null || existing.isBlank()) {
            env.put(name, value);
        }
    }

    private static int intSetting(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        try {
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not " + v);
        }
    }

    /** What is running, stopped in reverse order by the shutdown hook. */
    private static final class Running {
        volatile Database db;
        volatile Suite suite;
        volatile Vertx vertx;
        volatile Ingress ingress;
        private boolean stopped;

        synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            System.out.println("Stopping the suite...");
            try {
                if (ingress != null) {
                    ingress.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                }
            } catch (Exception ignored) {
                // the process is ending anyway
            }
            if (suite != null) {
                suite.stop(20);
            }
            try {
                if (db != null) {
                    db.close();
                }
            } catch (IOException e) {
                System.err.println("run.sh: stopping PostgreSQL: " + e.getMessage());
            }
            if (vertx != null) {
                vertx.close();
            }
            System.out.println("Stopped.");
        }
    }
}
