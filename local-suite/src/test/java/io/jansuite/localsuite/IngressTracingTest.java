package io.jansuite.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.routes.RouteTable;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingress's part of a trace: with tracing on, its span is the child of the client's {@code traceparent} and
 * the service is sent a {@code traceparent} naming that span; with tracing off the client's passes unchanged.
 */
class IngressTracingTest {

    private static final RouteTable ROUTES = RouteTable.parse(List.of("/v1\tsvc-a\t1"));
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static Vertx vertx;
    private static HttpServer service;
    private static Ingress traced;
    private static Ingress untraced;
    private static IngressTracing tracing;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        service = vertx.createHttpServer().requestHandler(req -> {
            JsonObject headers = new JsonObject();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            req.response().setStatusCode(req.path().endsWith("/boom") ? 503 : 200).end(headers.encode());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Map<String, Ingress.Upstream> upstreams = Map.of("svc-a", new Ingress.Upstream("127.0.0.1", service.actualPort()));
        tracing = IngressTracing.exportingWith(SimpleSpanProcessor.create(SPANS), "in-memory");
        traced = Ingress.start(vertx, "127.0.0.1", freePort(), ROUTES, upstreams, Ingress.Options.defaults().withInstances(1),
                tracing).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        untraced = Ingress.start(vertx, "127.0.0.1", freePort(), ROUTES, upstreams, Ingress.Options.defaults().withInstances(1))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        traced.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        untraced.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        tracing.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theIngressSpanContinuesTheClientsTraceAndIsTheServicesParent() throws Exception {
        JsonObject seen = call(traced, "/v1/things", TRACEPARENT, "req-traced-1");
        String forwarded = seen.getString("traceparent");
        String[] parts = forwarded.split("-");
        assertEquals(TRACE_ID, parts[1], "the client's trace id goes on");
        assertNotEquals(CLIENT_SPAN, parts[2], "the service's parent is the ingress's span, not the client's");
        assertEquals("01", parts[3]);

        SpanData span = await(parts[2]);
        assertEquals(TRACE_ID, span.getTraceId());
        assertEquals(CLIENT_SPAN, span.getParentSpanId());
        assertEquals(SpanKind.SERVER, span.getKind());
        assertEquals("GET /v1", span.getName());
        assertEquals("req-traced-1", span.getAttributes().get(AttributeKey.stringKey("jansuite.request_id")));
        assertEquals("svc-a", span.getAttributes().get(AttributeKey.stringKey("jansuite.service")));
        assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("ingress", span.getResource().getAttribute(AttributeKey.stringKey("service.name")));
    }

    @Test
    void withoutTraceparentTheIngressStartsTheTrace() throws Exception {
        JsonObject seen = call(traced, "/v1/boom", null, "req-traced-2");
        String[] parts = seen.getString("traceparent").split("-");
        SpanData span = await(parts[2]);
        assertFalse(span.getParentSpanContext().isValid(), "a root span");
        assertEquals(parts[1], span.getTraceId());
        assertEquals(503L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals(io.opentelemetry.api.trace.StatusCode.ERROR, span.getStatus().getStatusCode());
    }

    @Test
    void withTracingOffTheClientsTraceparentPassesUnchanged() throws Exception {
        JsonObject seen = call(untraced, "/v1/things", TRACEPARENT, "req-untraced");
        assertEquals(TRACEPARENT, seen.getString("traceparent"));
        assertTrue(call(untraced, "/v1/things", null, "req-untraced-2").getString("traceparent") == null,
                "no trace context is made up");
        Thread.sleep(100);
        assertEquals(0, SPANS.getFinishedSpanItems().stream().filter(s -> String.valueOf(
                s.getAttributes().get(AttributeKey.stringKey("jansuite.request_id"))).startsWith("req-untraced")).count(),
                "the untraced ingress made no spans");
    }

    private static JsonObject call(Ingress ingress, String path, String traceparent, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + path))
                .header("X-Request-Id", requestId);
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new JsonObject(response.body());
    }

    private static SpanData await(String spanId) throws Exception {
        for (int i = 0; i < 100; i++) {
            for (SpanData s : SPANS.getFinishedSpanItems()) {
                if (s.getSpanId().equals(spanId)) {
                    return s;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no span " + spanId + " in " + SPANS.getFinishedSpanItems());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
