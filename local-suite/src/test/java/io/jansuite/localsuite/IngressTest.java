package io.jansuite.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.routes.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ingress against small in-test upstreams: routing, envelopes, request ids, streaming, health. */
class IngressTest {

    private static final RouteTable ROUTES = RouteTable.parse(List.of(
            "# prefix service port options",
            "/v1\tsvc-a\t1",
            "/v1/models\tsvc-b\t2",
            "/v1/chat/completions\tsvc-b\t2\tstream",
            "/v1/slow\tsvc-slow\t3",
            "/v1/gone\tsvc-down\t4"));

    private static Vertx vertx;
    private static Ingress ingress;
    private static HttpServer svcA;
    private static HttpServer svcB;
    private static HttpServer svcSlow;
    private static int downPort;
    private static volatile boolean svcBReady = true;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        svcA = listen(req -> echo(req, "svc-a"));
        svcB = listen(IngressTest::serviceB);
        svcSlow = listen(req -> {
            if (req.path().startsWith("/q/health")) {
                req.response().end("{}");
            }
            // otherwise never answers
        });
        downPort = freePort();
        Map<String, Ingress.Upstream> upstreams = new LinkedHashMap<>();
        upstreams.put("svc-a", new Ingress.Upstream("127.0.0.1", svcA.actualPort()));
        upstreams.put("svc-b", new Ingress.Upstream("127.0.0.1", svcB.actualPort()));
        upstreams.put("svc-slow", new Ingress.Upstream("127.0.0.1", svcSlow.actualPort()));
        upstreams.put("svc-down", new Ingress.Upstream("127.0.0.1", downPort));
        Ingress.Options options = Ingress.Options.defaults().withInstances(2).withIdleTimeouts(2_000, 10_000);
        ingress = Ingress.start(vertx, "127.0.0.1", freePort(), ROUTES, upstreams, options)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (ingress != null) {
            ingress.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void routesByPrefixToTheOwningService() throws Exception {
        JsonObject body = new JsonObject(get("/v1/conversations/conv_1?x=1").body());
        assertEquals("svc-a", body.getString("service"));
        assertEquals("/v1/conversations/conv_1?x=1", body.getString("uri"));
    }

    @Test
    void longestPrefixWinsOnWholeSegments() throws Exception {
        assertEquals("svc-b", new JsonObject(get("/v1/models/abc").body()).getString("service"));
        assertEquals("svc-b", new JsonObject(get("/v1/models").body()).getString("service"));
        assertEquals("svc-a", new JsonObject(get("/v1/modelsx").body()).getString("service"));
    }

    @Test
    void unknownPathIsA404EnvelopeWithTheRequestId() throws Exception {
        HttpResponse<String> response = get("/nowhere");
        assertEquals(404, response.statusCode());
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals("not_found_error", error.getString("type"));
        assertEquals("not_found", error.getString("code"));
        assertTrue(error.containsKey("param") && error.getValue("param") == null);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(requestId.startsWith("req_"));
        assertEquals(requestId, error.getString("request_id"));
    }

    @Test
    void internalAndDotSegmentPathsAreNeverRouted() throws Exception {
        assertEquals(404, get("/internal/revocations").statusCode());
        assertEquals(404, get("/v1/../internal/revocations").statusCode());
        assertEquals(404, get("/v1/%2e%2e/internal/x").statusCode());
    }

    @Test
    void echoesTheClientsRequestIdAndForwardsItUpstream() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/things"))
                .header("X-Request-Id", "client-id-42").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(List.of("client-id-42"), response.headers().allValues("X-Request-Id"));
        JsonObject headers = new JsonObject(response.body()).getJsonObject("headers");
        assertEquals("client-id-42", headers.getString("x-request-id"));
        assertEquals("127.0.0.1", headers.getString("x-forwarded-for"));
        assertEquals("http", headers.getString("x-forwarded-proto"));
        assertEquals("127.0.0.1:" + ingress.port(), headers.getString("x-forwarded-host"));
    }

    @Test
    void generatesARequestIdWhenTheClientSendsNone() throws Exception {
        HttpResponse<String> response = get("/v1/things");
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(id.startsWith("req_"));
        assertEquals(id, new JsonObject(response.body()).getJsonObject("headers").getString("x-request-id"));
    }

    @Test
    void requestBodiesPassThroughIntact() throws Exception {
        String big = "x".repeat(2_000_000);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/echo"))
                .header("Content-Type", "text/plain")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(big.length(), new JsonObject(response.body()).getInteger("body_length"));
    }

    @Test
    void unreachableServiceIsA502Envelope() throws Exception {
        HttpResponse<String> response = get("/v1/gone/x");
        assertEquals(502, response.statusCode());
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals("upstream_error", error.getString("type"));
        assertEquals("upstream_unavailable", error.getString("code"));
        assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), error.getString("request_id"));
    }

    @Test
    void silentServiceTimesOutWithA504Envelope() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get("/v1/slow");
        assertEquals(504, response.statusCode());
        assertEquals("upstream_timeout", new JsonObject(response.body()).getJsonObject("error").getString("code"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8));
    }

    @Test
    void eventStreamHeadArrivesAtOnceAndEventsAreNotBuffered() throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        long headMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertTrue(headMillis < 1_500, "the head took " + headMillis + " ms; the first event comes after 2500 ms");
        List<Long> eventMillis = new ArrayList<>();
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(line);
                    eventMillis.add((System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        assertEquals(List.of("data: one", "data: two", "data: [DONE]"), events);
        assertTrue(eventMillis.get(0) < 4_000, "first event at " + eventMillis.get(0) + " ms");
        assertTrue(eventMillis.get(1) - eventMillis.get(0) >= 300, "events were buffered together: " + eventMillis);
    }

    @Test
    void healthzIs200WhenAllAreReadyAnd503NamingTheOthers() throws Exception {
        HttpResponse<String> response = get("/healthz");
        assertEquals(503, response.statusCode(), "svc-down is down");
        JsonObject body = new JsonObject(response.body());
        assertEquals("UP", body.getJsonObject("services").getString("svc-a"));
        assertEquals("DOWN", body.getJsonObject("services").getString("svc-down"));
        assertTrue(body.getString("message").contains("svc-down"));

        svcBReady = false;
        try {
            Thread.sleep(1_100);
            JsonObject later = new JsonObject(get("/healthz").body());
            assertEquals("DOWN", later.getJsonObject("services").getString("svc-b"));
        } finally {
            svcBReady = true;
        }
        Thread.sleep(1_100);
        assertEquals("UP", new JsonObject(get("/healthz").body()).getJsonObject("services").getString("svc-b"));
    }

    @Test
    void healthzIs200WhenEveryServiceIsUp() throws Exception {
        Map<String, Ingress.Upstream> upstreams = Map.of("svc-a", new Ingress.Upstream("127.0.0.1", svcA.actualPort()));
        RouteTable one = RouteTable.parse(List.of("/a\tsvc-a\t1"));
        Ingress small = Ingress.start(vertx, "127.0.0.1", freePort(), one, upstreams, Ingress.Options.defaults().withInstances(1))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + small.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("{\"status\":\"ok\",\"services\":{\"svc-a\":\"UP\"}}", response.body());
        } finally {
            small.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void routeTableRefusesInternalPrefixes() {
        assertFalse(RouteTable.parse(List.of("/v1/x\ta\t1")).routes().isEmpty());
        try {
            RouteTable.parse(List.of("/internal/x\ta\t1"));
            throw new AssertionError("an internal prefix was accepted");
        } catch (IllegalArgumentException expected) {
            assertNotNull(expected.getMessage());
        }
    }

    // --- the in-test upstreams ---

    private static void serviceB(HttpServerRequest req) {
        if (req.path().equals("/q/health/ready")) {
            req.response().setStatusCode(svcBReady ? 200 : 503).end("{}");
        } else if (req.path().equals("/v1/chat/completions")) {
            var response = req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            response.writeHead();
            vertx.setTimer(2_500, t1 -> {
                response.write("data: one\n\n");
                vertx.setTimer(500, t2 -> response.write("data: two\n\n").compose(v -> response.end("data: [DONE]\n\n")));
            });
        } else {
            echo(req, "svc-b");
        }
    }

    private static void echo(HttpServerRequest req, String service) {
        if (req.path().equals("/q/health/ready")) {
            req.response().end("{}");
            return;
        }
        req.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            req.response().putHeader("Content-Type", "application/json")
                    .putHeader("X-Request-Id", req.getHeader("X-Request-Id"))
                    .end(new JsonObject().put("service", service).put("uri", req.uri()).put("headers", headers)
                            .put("body_length", body.length()).encode());
        });
    }

    private static HttpServer listen(io.vertx.core.Handler<HttpServerRequest> handler) throws Exception {
        return vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ingress.port() + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
