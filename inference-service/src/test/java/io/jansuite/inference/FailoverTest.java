package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.seen;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.upstream;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries, failover, circuit breaking and timeouts before the first byte; clean ends after it. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class FailoverTest {

    private final String token = userToken();

    private void post(String model, int status) {
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(status);
    }

    @Test
    void serverErrorsAreRetriedThenTheNextProviderAnswers() {
        String failing = unique("up");
        String healthy = unique("up");
        String model = route(unique("fo"), target("openai", upstream("error500", failing)),
                target("openai", upstream("openai", healthy)));
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", equalTo(FakeUpstream.TEXT));
        assertEquals(2, seen(failing).getInt("hits"), "one retry on the failing provider");
        assertEquals(1, seen(healthy).getInt("hits"));
    }

    @Test
    void upstreamRateLimitFailsOverToo() {
        String healthy = unique("up");
        String model = route(unique("fo"), target("openai", upstream("error429", unique("up"))),
                target("openai", upstream("openai", healthy)));
        post(model, 200);
        assertEquals(1, seen(healthy).getInt("hits"));
    }

    @Test
    void aPassingFailureIsRetriedOnTheSameProvider() {
        String flaky = unique("up");
        String model = route(unique("fo"), target("openai", upstream("flaky", flaky)));
        post(model, 200);
        assertEquals(2, seen(flaky).getInt("hits"));
    }

    @Test
    void noProviderLeftIs502InTheEnvelope() {
        String model = route(unique("fo"), target("openai", upstream("error500", unique("up"))),
                target("openai", "http://127.0.0.1:1/v1"));
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(502)
                .body("error.type", equalTo("upstream_error"))
                .body("error.code", equalTo("upstream_error"));
    }

    @Test
    void aProviderSilentPastTheFirstByteTimeoutIsLeftForTheNext() {
        String healthy = unique("up");
        JsonObject hanging = target("openai", upstream("hang", unique("up")))
                .put("timeouts", new JsonObject().put("first_byte_ms", 150));
        String model = route(unique("fo"), hanging, target("openai", upstream("openai", healthy)));
        long start = System.currentTimeMillis();
        post(model, 200);
        assertTrue(System.currentTimeMillis() - start < 5_000);
        assertEquals(1, seen(healthy).getInt("hits"));
    }

    @Test
    void onlyASilentProviderIs504() {
        JsonObject hanging = target("openai", upstream("hang", unique("up")))
                .put("timeouts", new JsonObject().put("first_byte_ms", 100));
        String model = route(unique("fo"), hanging);
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(504)
                .body("error.type", equalTo("upstream_error"))
                .body("error.code", equalTo("upstream_timeout"));
    }

    @Test
    void circuitOpensAfterFiveFailuresAndTheProviderIsSkipped() {
        String failing = unique("up");
        String model = route(unique("fo"), target("openai", upstream("error500", failing)),
                target("openai", upstream("openai", unique("up"))));
        for (int i = 0; i < 4; i++) {
            post(model, 200);
        }
        // 2 + 2 + 1 attempts open the breaker at the fifth failure; the fourth request skips the provider.
        assertEquals(5, seen(failing).getInt("hits"));
    }

    @Test
    void everyCircuitOpenIs503() {
        String model = route(unique("fo"), target("openai", upstream("error500", unique("up"))));
        post(model, 502);
        post(model, 502);
        post(model, 502);
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(503)
                .body("error.type", equalTo("service_unavailable"));
    }

    @Test
    void aStreamThatStallsEndsWithAnErrorEventAndNoDone() {
        JsonObject stalling = target("openai", upstream("stall", unique("up")))
                .put("timeouts", new JsonObject().put("idle_ms", 200));
        String model = route(unique("fo"), stalling);
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "hi").put("stream", true).encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<String> data = Fixtures.dataLines(body);
        JsonObject last = new JsonObject(data.get(data.size() - 1));
        assertEquals("upstream_timeout", last.getJsonObject("error").getString("code"));
        assertFalse(data.contains("[DONE]"));
        assertEquals("", Fixtures.streamedText(data.subList(0, data.size() - 1)), "no made-up content");
    }

    @Test
    void anErrorInsideTheUpstreamStreamEndsTheStreamWithAnErrorEvent() {
        String model = route(unique("fo"), target("openai", upstream("midstreamerror", unique("up"))));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "hi").put("stream", true).encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<String> data = Fixtures.dataLines(body);
        assertEquals("Hel", Fixtures.streamedText(data.subList(0, data.size() - 1)));
        JsonObject last = new JsonObject(data.get(data.size() - 1));
        assertEquals("upstream_error", last.getJsonObject("error").getString("type"));
        assertEquals("upstream_error", last.getJsonObject("error").getString("code"));
        assertFalse(data.contains("[DONE]"));
    }

    @Test
    void clientHangingUpCancelsTheUpstreamRequest() throws Exception {
        String id = unique("up");
        String model = route(unique("fo"), target("openai", upstream("endless", id)));
        try (Socket socket = streamRequest(model)) {
            assertTrue(RawHttp.readUntil(socket, " more").startsWith("HTTP/1.1 200"));
        }
        assertUpstreamClosed(id, "upstream request cancelled");
    }

    @Test
    void clientHangingUpBeforeTheUpstreamAnswersCancelsTheUpstreamRequest() throws Exception {
        String id = unique("up");
        String model = route(unique("fo"), target("openai", upstream("hang", id)));
        try (Socket socket = streamRequest(model)) {
            long deadline = System.currentTimeMillis() + 5_000;
            while (seen(id).getInt("hits") == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }
        assertUpstreamClosed(id, "upstream request cancelled while waiting for its answer");
    }

    /** A streamed completion written on a raw socket, so the test can hang up whenever it likes. */
    private Socket streamRequest(String model) throws Exception {
        return RawHttp.postStream("127.0.0.1", RestAssured.port, "/v1/chat/completions", token,
                chat(model, "hi").put("stream", true).encode());
    }

    private void assertUpstreamClosed(String id, String message) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!seen(id).getBoolean("closed") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(seen(id).getBoolean("closed"), message);
    }
}
