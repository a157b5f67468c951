package io.jansuite.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.routes.RouteTable;
import io.jansuite.testing.ListeningSockets;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service processes as the launcher runs them ({@link Suite}, with {@link FakeService} as the packaged
 * service, behind a real {@link Ingress}): they listen on loopback only, and one that is killed is restarted
 * while /healthz names it.
 */
class SupervisionTest {

    private static final String SERVICE = "fake-service";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path root;

    private static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();
    private static Vertx vertx;
    private static Suite suite;
    private static Ingress ingress;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        writeServiceJar(root);
        port = freePort();
        suite = startSuite(port, EVENTS);
        vertx = Vertx.vertx();
        RouteTable routes = RouteTable.parse(List.of("/v1/fake\t" + SERVICE + "\t" + port));
        Ingress.Options options = new Ingress.Options(1, 2_000, 120_000, 900_000, 1_000, 100, 16);
        ingress = Ingress.start(vertx, "127.0.0.1", freePort(), routes, Ingress.localUpstreams(routes), options)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        awaitHealthz(200, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.stop(5);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServiceListensOnLoopbackOnly() throws Exception {
        List<String> listening = ListeningSockets.fromKernel(port);
        List<InetAddress> others = ListeningSockets.otherAddresses();
        assertFalse(listening.isEmpty() && others.isEmpty(), "neither /proc/net nor another address to check with");
        for (String address : listening) {
            assertTrue(ListeningSockets.isLoopback(address), "listens on " + address + " (hex, as in /proc/net/tcp)");
        }
        for (InetAddress address : others) {
            assertFalse(ListeningSockets.accepts(address, port), "reachable on " + address.getHostAddress());
        }
        assertTrue(ListeningSockets.accepts(InetAddress.getByName("127.0.0.1"), port));
    }

    @Test
    void aKilledServiceIsRestartedAndHealthzNamesItUntilItIsReady() throws Exception {
        Process before = suite.processes().get(SERVICE);
        EVENTS.clear();
        before.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertEquals("exited " + SERVICE + " 137 in 1 s", EVENTS.poll(10, TimeUnit.SECONDS));
        HttpResponse<String> down = awaitHealthz(503, Duration.ofSeconds(5));
        assertTrue(down.body().contains("Not ready: " + SERVICE), down.body());
        String restarted = EVENTS.poll(10, TimeUnit.SECONDS);
        assertNotNull(restarted, "restarted within 10 s");
        assertTrue(restarted.startsWith("restarted " + SERVICE + " 1 "), restarted);

        awaitHealthz(200, Duration.ofSeconds(60));
        Process after = suite.processes().get(SERVICE);
        assertNotEquals(before.pid(), after.pid());
        assertTrue(restarted.endsWith(" " + after.pid()), restarted);
        assertEquals(Map.of(SERVICE, 1), suite.restarts());
        String log = Files.readString(suite.logFile(SERVICE));
        assertTrue(log.contains("---- run.sh: restarting " + SERVICE + " (restart 1) ----"), log);
        assertEquals(2, log.split("fake service listening on 127.0.0.1:" + port, -1).length - 1, log);
    }

    @Test
    void nothingIsRestartedOnceTheSuiteStops() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Suite other = startSuite(freePort(), events);
        Process process = other.processes().get(SERVICE);
        other.stop(5);
        assertFalse(process.isAlive());
        Thread.sleep(1_500);
        assertEquals(List.of(), List.copyOf(events), "a stopped service is neither reported nor restarted");
        assertEquals(Map.of(), other.restarts());
    }

    private static Suite startSuite(int port, BlockingQueue<String> events) throws Exception {
        Suite started = new Suite(root, root.resolve("logs-" + port), root.resolve("run-" + port),
                Map.of("FAKE_START_DELAY_MS", "2000"), Map.of(), List.of("-Xmx32m", "-XX:TieredStopAtLevel=1"),
                new StartupCache(root.resolve("jvm-cache-" + port), Runtime.version(), List.of(), false));
        started.start(Map.of(SERVICE, port), new Suite.Watcher() {
            @Override
            public void exited(String service, int exitCode, Duration restartIn) {
                events.add("exited " + service + " " + exitCode + " in " + restartIn.toSeconds() + " s");
            }

            @Override
            public void restarted(String service, int restarts, long pid) {
                events.add("restarted " + service + " " + restarts + " " + pid);
            }
        });
        return started;
    }

    private static HttpResponse<String> awaitHealthz(int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + "/healthz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/healthz not " + status + " within " + timeout + ": "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
    }

    /** <root>/fake-service/target/quarkus-app/quarkus-run.jar: FakeService's class and a manifest naming it. */
    private static void writeServiceJar(Path root) throws Exception {
        Path jar = Suite.runnerJar(root, SERVICE);
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
