package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.seen;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.upstream;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tracing in the inference-service: a client's {@code traceparent} is continued (the request's span is the
 * child of the client's span, in the client's trace), the provider call is a child span naming the provider
 * and the models, and every span carries the request id.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class TracingTest {

    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jansuite.request_id");
    private static final Random RANDOM = new Random();

    @Inject
    InMemorySpanExporter spans;

    private final String token = userToken();

    @Test
    void theClientsTraceIsContinuedAndTheProviderCallIsAChildSpan() throws Exception {
        String traceId = hex(16);
        String clientSpanId = hex(8);
        String requestId = unique("trace");
        String upstreamId = unique("up");
        String model = route(unique("traced"), target("openai", upstream("openai", upstreamId)));

        given().auth().oauth2(token).contentType("application/json")
                .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                .header("X-Request-Id", requestId)
                .body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(200);

        List<SpanData> trace = awaitTrace(traceId, s -> s.getKind() == SpanKind.SERVER
                && s.getParentSpanId().equals(clientSpanId));
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertEquals(clientSpanId, server.getParentSpanId(), "the request's span is the client span's child");
        assertTrue(server.getName().contains("/v1/chat/completions"), server.getName());

        SpanData provider = trace.stream().filter(s -> s.getName().startsWith("provider openai")).findFirst()
                .orElseThrow(() -> new AssertionError("no provider span in " + names(trace)));
        assertEquals(SpanKind.CLIENT, provider.getKind());
        assertTrue(descendsFrom(provider, server, byId), "the provider call is within the request: " + names(trace));
        assertEquals("upstream-openai", provider.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")));
        assertEquals("openai", provider.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")));
        assertEquals(model, provider.getAttributes().get(AttributeKey.stringKey("jansuite.model")));
        assertTrue(provider.getAttributes().get(AttributeKey.stringKey("jansuite.provider.name")).startsWith("openai-"));
        assertEquals(1L, provider.getAttributes().get(AttributeKey.longKey("jansuite.attempt")));

        String sentTraceparent = seen(upstreamId).getString("headers.traceparent");
        assertNotNull(sentTraceparent, "the upstream request carries the trace context");
        assertTrue(sentTraceparent.startsWith("00-" + traceId + "-"), sentTraceparent);
        String upstreamParent = sentTraceparent.split("-")[2];
        SpanData http = byId.get(upstreamParent);
        assertNotNull(http, "the HTTP request to the provider has a span: " + names(trace));
        assertEquals(provider.getSpanId(), http.getParentSpanId(), "the HTTP request is the provider call's child");
        assertEquals(SpanKind.CLIENT, http.getKind());
        assertTrue(http.getName().startsWith("POST /openai/" + upstreamId), "named after its own URL: " + http.getName());

        for (SpanData span : trace) {
            assertEquals(requestId, span.getAttributes().get(REQUEST_ID), "request id on " + span.getName());
        }
    }

    @Test
    void aStreamsProviderSpanLastsUntilTheStreamEnds() throws Exception {
        String traceId = hex(16);
        String model = route(unique("traced"), target("openai", upstream("openai", unique("up"))));
        String body = given().auth().oauth2(token).contentType("application/json")
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .body(chat(model, "hi").put("stream", true).encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        assertTrue(body.contains("data: [DONE]"));
        List<SpanData> trace = awaitTrace(traceId, s -> s.getName().startsWith("provider openai"));
        SpanData provider = trace.stream().filter(s -> s.getName().startsWith("provider openai")).findFirst().orElseThrow();
        assertEquals(true, provider.getAttributes().get(AttributeKey.booleanKey("jansuite.stream")));
        // the fake upstream sends its tokens a few ms apart: a span ended at the response head would be shorter
        List<SpanData> http = trace.stream().filter(s -> s.getParentSpanId().equals(provider.getSpanId())).toList();
        for (SpanData child : http) {
            assertTrue(provider.getEndEpochNanos() >= child.getEndEpochNanos(), "the stream's span outlasts " + child.getName());
        }
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceOfItsOwn() throws Exception {
        String requestId = unique("trace");
        String model = route(unique("traced"), target("openai", upstream("openai", unique("up"))));
        given().auth().oauth2(token).contentType("application/json").header("X-Request-Id", requestId)
                .body(chat(model, "hi").encode()).post("/v1/chat/completions").then().statusCode(200);
        SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER && requestId.equals(s.getAttributes().get(REQUEST_ID)));
        assertEquals(false, server.getParentSpanContext().isValid(), "a root span");
        assertTrue(spans.getFinishedSpanItems().stream().anyMatch(s -> s.getTraceId().equals(server.getTraceId())
                && s.getName().startsWith("provider openai")));
    }

    private List<SpanData> awaitTrace(String traceId, java.util.function.Predicate<SpanData> last) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            if (trace.stream().anyMatch(last)) {
                Thread.sleep(200); // spans that end just after the response
                return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such span in trace " + traceId + ": "
                + names(spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList()));
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> wanted) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            var found = spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                Thread.sleep(200);
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such span");
    }

    private static boolean descendsFrom(SpanData span, SpanData ancestor, Map<String, SpanData> byId) {
        for (SpanData s = span; s != null; s = byId.get(s.getParentSpanId())) {
            if (s.getParentSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
        }
        return false;
    }

    private static String names(List<SpanData> trace) {
        return trace.stream().map(s -> s.getName() + "(" + s.getKind() + " " + s.getSpanId() + "<-" + s.getParentSpanId()
                + ")").collect(Collectors.joining(", "));
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(b);
    }
}
