package io.jansuite.localsuite;

import io.jansuite.routes.InternalCalls;
import io.jansuite.routes.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite on this machine, as {@code ./run.sh} runs it and as an end-to-end test can: PostgreSQL
 * (embedded unless the environment names one), the generated secrets in {@code .local/}, the five services and
 * the ingress. {@link #close()} stops everything, in reverse order.
 */
public final class LocalSuite implements AutoCloseable {

    /**
     * Lean and quick to warm: C1 only (no C2 compiler threads competing with the first requests, half the CPU until
     * ready), the serial collector and a heap that grows from 16 MB (docs/benchmarks.md, "JVM settings").
     */
    static final String DEFAULT_JAVA_OPTS = "-Xms16m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

    /** Why the suite cannot start (ports taken, services not built); the message says what to do. */
    public static final class StartException extends Exception {
        public StartException(String message) {
            super(message);
        }
    }

    /** Suites of this JVM; a shutdown hook (Ctrl-C, SIGTERM, end of a test run) stops those still running. */
    private static final Set<LocalSuite> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(LocalSuite::close), "jansuite-suite-shutdown"));
    }

    private final Path root;
    private final Path local;
    private final int ingressPort;
    private final RouteTable routes;
    private Database db;
    private Suite suite;
    private Vertx vertx;
    private Ingress ingress;
    private IngressTracing tracing = IngressTracing.off();
    private boolean closed;

    private LocalSuite(Path root, Path local, int ingressPort, RouteTable routes) {
        this.root = root;
        this.local = local;
        this.ingressPort = ingressPort;
        this.routes = routes;
    }

    /**
     * Starts the suite from the repository at {@code root}. {@code environment} is what the launcher was given
     * (see {@link Launcher}); {@code watcher} hears of a service that stops on its own and is restarted.
     */
    public static LocalSuite start(Path root, Map<String, String> environment, Suite.Watcher watcher)
            throws StartException, IOException {
        int offset = intSetting(environment, "JANSUITE_PORT_OFFSET", 0);
        int ingressPort = intSetting(environment, "JANSUITE_PORT", 8000 + offset);
        int pgPort = intSetting(environment, "JANSUITE_PG_PORT", 5433 + offset);
        String localDir = environment.get("JANSUITE_LOCAL_DIR");
        Path local = localDir == null || localDir.isBlank() ? root.resolve(".local") : Path.of(localDir).toAbsolutePath();
        RouteTable routes = RouteTable.load(root.resolve("deploy/routes.tsv")).withPortOffset(offset);
        Map<String, Integer> services = routes.services();
        boolean externalDb = Database.configuredExternally(environment);

        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(ingressPort, "the ingress (set JANSUITE_PORT to use another)");
        services.forEach((name, port) -> ports.put(port, name));
        if (!externalDb) {
            ports.put(pgPort, "the embedded PostgreSQL (set JANSUITE_PG_PORT to use another, or DATABASE_URL to use your own)");
        }
        List<String> problems = new ArrayList<>(takenPorts(ports));
        if (!problems.isEmpty()) {
            problems.add("Stop what listens there (see `ss -ltnp` or `lsof -i :<port>`; perhaps an earlier ./run.sh"
                    + " is still running) and start again.");
        }
        for (String service : services.keySet()) {
            if (!Files.isRegularFile(Suite.runnerJar(root, service))) {
                problems.add(Suite.runnerJar(root, service) + " is missing: run ./run.sh --rebuild"
                        + " (or ./mvnw -B -q -DskipTests package).");
            }
        }
        if (!problems.isEmpty()) {
            throw new StartException(String.join("\n", problems));
        }

        Path logs = local.resolve("logs");
        Files.createDirectories(logs);
        LocalSecrets secrets = LocalSecrets.ensure(local);
        LocalSuite running = new LocalSuite(root, local, ingressPort, routes);
        LIVE.add(running);
        // held while starting, so that a shutdown meanwhile waits and then stops whatever was started
        synchronized (running) {
            return running.startParts(environment, externalDb, pgPort, logs, secrets, watcher);
        }
    }

    private LocalSuite startParts(Map<String, String> environment, boolean externalDb, int pgPort, Path logs,
                                  LocalSecrets secrets, Suite.Watcher watcher) throws IOException {
        LocalSuite running = this;
        Map<String, Integer> services = routes.services();
        if (closed) {
            throw new IOException("The suite was stopped while starting");
        }
        try {
            running.db = externalDb ? Database.external(environment)
                    : Database.embedded(local.resolve("pgdata"), pgPort, logs.resolve("postgres.log"));
            Map<String, String> env = serviceEnv(environment, running.db, secrets, ingressPort);
            services.forEach((name, port) -> putUnlessSet(env, environment, urlVariable(name), "http://" + Suite.HOST + ":" + port));
            // usage rows the database refused wait here, per suite (a shared temp dir would mix suites' rows)
            putUnlessSet(env, environment, "USAGE_SPILL_DIR", local.resolve("usage-spill").toString());
            // the ingress first, while the machine is quiet (five JVMs starting make its class loading crawl)
            running.vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(5).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
            running.tracing = IngressTracing.fromEnvironment(environment);
            running.ingress = Ingress.start(running.vertx, "0.0.0.0", ingressPort, routes, Ingress.localUpstreams(routes),
                    Ingress.Options.defaults(), running.tracing).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            running.suite = new Suite(root, logs, local.resolve("run"), env,
                    serviceSecrets(environment, secrets, InternalCalls.load(root.resolve("deploy/calls.tsv")), services.keySet()),
                    javaOptions(environment), StartupCache.forLauncher(local, environment));
            running.suite.start(services, watcher);
            return running;
        } catch (Exception e) {
            running.close();
            throw e instanceof IOException io ? io : new IOException("Could not start the suite: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until every service is ready; returns the services still not ready after {@code timeout} (empty
     * when all are).
     */
    public List<String> awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> last = Map.of();
        while (true) {
            try {
                last = ingress.health().statuses().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                if (last.values().stream().allMatch(HealthMonitor.UP::equals)) {
                    return List.of();
                }
            } catch (Exception ignored) {
                // keep polling
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(500);
        }
        List<String> down = new ArrayList<>(routes.services().keySet());
        last.forEach((name, status) -> {
            if (HealthMonitor.UP.equals(status)) {
                down.remove(name);
            }
        });
        return down;
    }

    public String baseUrl() {
        return "http://localhost:" + ingressPort;
    }

    public RouteTable routes() {
        return routes;
    }

    public Path logs() {
        return local.resolve("logs");
    }

    public Path localDir() {
        return local;
    }

    public Path root() {
        return root;
    }

    public Database database() {
        return db;
    }

    public Suite services() {
        return suite;
    }

    public Ingress ingress() {
        return ingress;
    }

    /** The ingress's tracing: on when OTEL_EXPORTER_OTLP_ENDPOINT is set (the services then trace too). */
    public IngressTracing tracing() {
        return tracing;
    }

    /** Stops the ingress, the services (SIGTERM, 20 s grace, SIGKILL) and the embedded PostgreSQL. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LIVE.remove(this);
        try {
            if (ingress != null) {
                ingress.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // stopping anyway
        }
        tracing.close();
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
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }

    /** What the services get on top of the launcher's own environment (which they inherit). */
    /** What only one service gets: its internal keys, and the provider-key secret for the catalog alone. */
    static Map<String, Map<String, String>> serviceSecrets(Map<String, String> environment, LocalSecrets secrets,
                                                           InternalCalls calls, java.util.Collection<String> services) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        String master = environment.getOrDefault("INTERNAL_SECRET", "").isBlank()
                ? secrets.values().get("INTERNAL_SECRET") : environment.get("INTERNAL_SECRET");
        for (String service : services) {
            Map<String, String> own = new LinkedHashMap<>();
            own.put("APP_INTERNAL_KEYS", LocalSecrets.internalKeys(master, service, calls.peers(service)));
            if (service.equals("catalog-service")) {
                putUnlessSet(own, environment, "PROVIDER_KEY_SECRET", secrets.values().get("PROVIDER_KEY_SECRET"));
            }
            out.put(service, own);
        }
        return out;
    }

    /** Secrets of the suite that no service reads directly (INTERNAL_SECRET) or that only one may hold. */
    static final java.util.Set<String> SERVICE_SECRETS = java.util.Set.of("INTERNAL_SECRET", "PROVIDER_KEY_SECRET");

    static Map<String, String> serviceEnv(Map<String, String> environment, Database db, LocalSecrets secrets, int ingressPort) {
        Map<String, String> env = new LinkedHashMap<>(db.env());
        secrets.values().forEach((k, v) -> {
            if (!SERVICE_SECRETS.contains(k)) {
                putUnlessSet(env, environment, k, v);
            }
        });
        putUnlessSet(env, environment, "APP_JWT_PRIVATE_KEY_LOCATION", secrets.privateKey().toString());
        putUnlessSet(env, environment, "APP_JWT_PUBLIC_KEY_LOCATION", secrets.publicKey().toString());
        putUnlessSet(env, environment, "APP_BOOTSTRAP_SIMULATOR", "true");
        putUnlessSet(env, environment, "PUBLIC_BASE_URL", "http://localhost:" + ingressPort);
        // Tracing: the one setting, for every service as for the ingress (blank: off everywhere)
        String otlp = environment.get(IngressTracing.ENDPOINT_VARIABLE);
        env.put(IngressTracing.ENDPOINT_VARIABLE, otlp == null ? "" : otlp.strip());
        return env;
    }

    /** auth-service to APP_AUTH_URL: where the services find each other (docs/internal-api.md). */
    static String urlVariable(String service) {
        return "APP_" + service.replace("-service", "").replace('-', '_').toUpperCase(java.util.Locale.ROOT) + "_URL";
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
                taken.add("Port " + port + " is already in use; it is needed for " + owner + ".");
            } catch (IOException e) {
                taken.add("Port " + port + " cannot be used (" + e.getMessage() + "); it is needed for " + owner + ".");
            }
        });
        return taken;
    }

    static int intSetting(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        try {
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not " + v);
        }
    }

    private static void putUnlessSet(Map<String, String> env, Map<String, String> environment, String name, String value) {
        String existing = environment.get(name);
        if (existing == null || existing.isBlank()) {
            env.put(name, value);
        }
    }
}
