package io.jansuite.localsuite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run.sh}: the whole suite on one machine ({@link LocalSuite}) in the foreground, until Ctrl-C or
 * SIGTERM stops everything.
 *
 * <p>Environment: JANSUITE_PORT (ingress, 8000), JANSUITE_PG_PORT (embedded PostgreSQL, 5433), JAVA_OPTS (JVM
 * options of each service), DATABASE_URL or DB_* (use that PostgreSQL instead of the embedded one), REDIS_URL,
 * ADMIN_EMAIL/ADMIN_PASSWORD (passed through), JANSUITE_START_TIMEOUT (seconds to wait for readiness, 90),
 * JANSUITE_PORT_OFFSET (moves every port, for a second suite beside the first) with JANSUITE_LOCAL_DIR (its own
 * state instead of .local), OTEL_EXPORTER_OTLP_ENDPOINT (traces of the ingress and every service to that OTLP/HTTP
 * collector; off when unset, see docs/tracing.md).
 * See docs/local-suite.md.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, String> environment = System.getenv();
        long began = System.nanoTime();
        LocalSuite suite;
        try {
            suite = LocalSuite.start(root, environment, new ConsoleWatcher());
        } catch (LocalSuite.StartException e) {
            e.getMessage().lines().forEach(line -> System.err.println("run.sh: " + line));
            System.exit(2);
            return;
        } catch (Exception e) {
            System.err.println("run.sh: could not start the suite: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the suite...");
            suite.close();
            System.out.println("Stopped.");
        }, "jansuite-shutdown"));

        System.out.println();
        System.out.println("Jan Suite is starting. Database: " + suite.database().description());
        System.out.println("  API (all routes):  " + suite.baseUrl());
        System.out.println("  Health:            " + suite.baseUrl() + "/healthz");
        suite.routes().services().forEach((name, port) ->
                System.out.printf("  %-21s http://localhost:%d/q/swagger-ui%n", name + ":", port));
        System.out.println("  Logs:              " + suite.logs() + "/<service>.log");
        System.out.println("  Secrets and keys:  " + suite.localDir() + " (generated once, kept between runs)");
        System.out.println("  Traces:            " + (suite.tracing().enabled()
                ? "OTLP to " + suite.tracing().endpoint() + " (ingress and every service)"
                : "off (set OTEL_EXPORTER_OTLP_ENDPOINT to export them)"));
        System.out.println("Press Ctrl-C to stop everything.");

        long timeout = LocalSuite.intSetting(environment, "JANSUITE_START_TIMEOUT", 90);
        List<String> notReady = suite.awaitReady(Duration.ofSeconds(timeout).minusNanos(System.nanoTime() - began));
        if (notReady.isEmpty()) {
            System.out.printf("Ready in %.1f s: %s/healthz is ok.%n", (System.nanoTime() - began) / 1e9, suite.baseUrl());
        } else {
            System.err.printf("run.sh: not ready after %d s: %s. See %s/<service>.log; still waiting.%n",
                    timeout, String.join(", ", notReady), suite.logs());
        }
        new CountDownLatch(1).await();
    }

    /** Tells the console when a service dies and is restarted. */
    private static final class ConsoleWatcher implements Suite.Watcher {
        @Override
        public void exited(String service, int exitCode, Duration restartIn) {
            System.err.printf("run.sh: %s exited unexpectedly (code %d); restarting it in %d s. /healthz reports it"
                    + " DOWN until it is ready again; see .local/logs/%s.log.%n", service, exitCode, restartIn.toSeconds(), service);
        }

        @Override
        public void restarted(String service, int restarts, long pid) {
            System.err.printf("run.sh: %s started again (restart %d, pid %d).%n", service, restarts, pid);
        }
    }
}
