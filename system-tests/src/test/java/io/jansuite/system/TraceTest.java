package io.jansuite.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.restassured.specification.RequestSpecification;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Tracing through the whole suite, with real exporters over real HTTP: a suite of its own started with
 * OTEL_EXPORTER_OTLP_ENDPOINT pointing at a small OTLP/HTTP receiver ({@link OtlpReceiver}), and an
 * OpenAI-compatible upstream in the test. One completion sent with a client's {@code traceparent} gives spans
 * of every hop under the client's trace id, each the child of the hop before (client, ingress,
 * inference-service, the services it asked, the provider call, the HTTP request to the provider), all with the
 * request id.
 */
@Order(Integer.MAX_VALUE - 2)
class TraceTest {

    private static final int OFFSET = RunningSuite.PORT_OFFSET + 800;
    private static final String MODEL = "trace-probe-model";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static OtlpReceiver receiver;
    private static HttpServer upstream;
    private static final List<String> upstreamTraceparents = new CopyOnWriteArrayList<>();
    private static RunningSuite suite;

    @BeforeAll
    static void start() throws Exception {
        receiver = new OtlpReceiver();
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                upstreamTraceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
                byte[] body = ("{\"id\":\"chatcmpl-trace\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"up\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"traced\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
                        + "\"total_tokens\":4}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        upstream.start();
        suite = RunningSuite.startOwn("trace-suite-root", OFFSET, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()));
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.stop();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static RequestSpecification as(String credential) {
        return given().baseUri(suite.base).header("Authorization", "Bearer " + credential).contentType("application/json");
    }

    @Test
    void oneCompletionGivesASpanOfEveryHopUnderTheClientsTrace() throws Exception {
        String admin = given().baseUri(suite.base).contentType("application/json")
                .body(Map.of("email", RunningSuite.ADMIN_EMAIL, "password", RunningSuite.ADMIN_PASSWORD))
                .post("/llm/auth/login").then().statusCode(200).extract().path("access_token");
        as(admin).body(Map.of("name", "trace-upstream", "type", "openai",
                        "base_url", "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1",
                        "models", List.of(Map.of("model_id", MODEL))))
                .post("/v1/admin/providers").then().statusCode(201);
        awaitModelListed(admin);
        String guest = given().baseUri(suite.base).post("/llm/auth/guest-login").then().statusCode(200)
                .extract().path("access_token");
        // an API key never used before: the inference-service asks the auth-service about it (a signed internal call)
        String key = as(guest).body(Map.of("name", "trace", "scopes", List.of("read", "write")))
                .post("/llm/auth/api-keys").then().statusCode(201).extract().path("data.key");

        String traceId = hex(16);
        String clientSpan = hex(8);
        String requestId = "trace-" + UUID.randomUUID();
        as(key).header("traceparent", "00-" + traceId + "-" + clientSpan + "-01").header("X-Request-Id", requestId)
                .body("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200).header("X-Request-Id", requestId);

        List<OtlpReceiver.Received> trace = await(traceId, t -> t.stream().anyMatch(s -> "ingress".equals(s.service()))
                && t.stream().anyMatch(s -> s.name().startsWith("provider openai"))
                && t.stream().anyMatch(s -> "inference-service".equals(s.service()) && s.kind() == SpanKind.SPAN_KIND_SERVER));
        Map<String, OtlpReceiver.Received> byId = trace.stream()
                .collect(Collectors.toMap(OtlpReceiver.Received::spanId, s -> s, (a, b) -> a));

        OtlpReceiver.Received ingress = only(trace, s -> "ingress".equals(s.service()), "the ingress's span");
        assertEquals(clientSpan, ingress.parentSpanId(), "the ingress continues the client's trace");
        assertEquals(SpanKind.SPAN_KIND_SERVER, ingress.kind());

        OtlpReceiver.Received inference = only(trace, s -> "inference-service".equals(s.service())
                && s.kind() == SpanKind.SPAN_KIND_SERVER, "the inference-service's request span");
        assertEquals(ingress.spanId(), inference.parentSpanId(), "the service's span is the ingress's child");

        OtlpReceiver.Received provider = only(trace, s -> s.name().startsWith("provider openai"), "the provider call");
        assertEquals("inference-service", provider.service());
        assertTrue(within(provider, inference, byId), "the provider call is within the request: " + describe(trace));
        assertEquals(MODEL, provider.attribute("gen_ai.request.model"));
        assertEquals(MODEL, provider.attribute("jansuite.model"));
        assertEquals("openai", provider.attribute("gen_ai.provider.name"));
        assertEquals("trace-upstream", provider.attribute("jansuite.provider.name"));
        assertEquals("3", provider.attribute("gen_ai.usage.input_tokens"));

        assertEquals(1, upstreamTraceparents.size(), "one upstream call");
        String[] sent = upstreamTraceparents.get(0).split("-");
        assertEquals(traceId, sent[1], "the provider is sent the client's trace id");
        OtlpReceiver.Received http = byId.get(sent[2]);
        assertNotNull(http, "the HTTP request to the provider has a span: " + describe(trace));
        assertEquals(provider.spanId(), http.parentSpanId(), "and it is the provider call's child");
        assertEquals(SpanKind.SPAN_KIND_CLIENT, http.kind());
        assertEquals("POST /v1/chat/completions", http.name());
        assertTrue(http.attribute("url.full").startsWith("http://127.0.0.1:" + upstream.getAddress().getPort()), http.attributes().toString());

        // every internal call the inference-service made (the API key to the auth-service, the route to the
        // catalog if it had none) reached its callee in the same trace: signed calls still pass with traceparent
        Set<String> callees = new TreeSet<>();
        for (OtlpReceiver.Received client : trace) {
            if (client.kind() == SpanKind.SPAN_KIND_CLIENT && client.name().contains("/internal/")) {
                OtlpReceiver.Received server = only(trace, s -> s.parentSpanId().equals(client.spanId())
                        && s.kind() == SpanKind.SPAN_KIND_SERVER, "the server side of " + client.name());
                assertEquals("200", server.attribute("http.response.status_code"), server.name());
                callees.add(server.service());
            }
        }
        assertTrue(callees.contains("auth-service"), "the API key was verified in the trace: " + describe(trace));

        for (OtlpReceiver.Received span : trace) {
            assertEquals(requestId, span.attribute("jansuite.request_id"), "request id on " + span.service() + " " + span.name());
        }
        assertEquals(List.of(), receiver.problems());
    }

    private static void awaitModelListed(String admin) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            List<String> ids = as(admin).get("/v1/models").then().statusCode(200).extract().path("data.id");
            if (ids.contains(MODEL)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(MODEL + " never listed");
    }

    /** The trace once it satisfies {@code complete} (exporters send in batches, every few seconds), plus stragglers. */
    private static List<OtlpReceiver.Received> await(String traceId, Predicate<List<OtlpReceiver.Received>> complete)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (complete.test(receiver.trace(traceId))) {
                Thread.sleep(6_000); // a batch of another process may still be on its way
                return receiver.trace(traceId);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("incomplete trace: " + describe(receiver.trace(traceId)) + "; problems: " + receiver.problems());
    }

    private static OtlpReceiver.Received only(List<OtlpReceiver.Received> trace, Predicate<OtlpReceiver.Received> wanted,
            String what) {
        List<OtlpReceiver.Received> found = trace.stream().filter(wanted).toList();
        assertEquals(1, found.size(), what + ": " + describe(trace));
        return found.get(0);
    }

    private static boolean within(OtlpReceiver.Received span, OtlpReceiver.Received ancestor,
            Map<String, OtlpReceiver.Received> byId) {
        for (OtlpReceiver.Received s = span; s != null; s = byId.get(s.parentSpanId())) {
            if (s.parentSpanId().equals(ancestor.spanId())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<OtlpReceiver.Received> trace) {
        return trace.stream().map(s -> s.service() + ":" + s.name() + "(" + s.kind() + " " + s.spanId() + "<-"
                + s.parentSpanId() + ")").collect(Collectors.joining(", "));
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
