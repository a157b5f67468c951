package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.simulator;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.inference.provider.SimulatorProvider;
import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The route itself on the built-in simulator: both answer forms, validation, unknown models, credentials. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class ChatCompletionsTest {

    private final String token = userToken();

    @Test
    void simulatorAnswersWholeWithTheRequestedModelAndUsage() {
        String model = route(unique("sim"), simulator());
        given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "Explain quantum computing briefly.").put("temperature", 0.7).put("max_tokens", 150)
                        .put("stream", false).encode())
                .post("/v1/chat/completions").then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo(model))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", equalTo(SimulatorProvider.PREFIX + "Explain quantum computing briefly."))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.completion_tokens", equalTo(7))
                .body("usage.total_tokens", greaterThan(7));
    }

    @Test
    void simulatorStreamsChunksEndingWithDone() {
        String model = route(unique("sim"), simulator());
        JsonObject request = new JsonObject().put("model", model).put("stream", true).put("max_tokens", 200)
                .put("messages", new JsonArray()
                        .add(new JsonObject().put("role", "system").put("content", "You are a helpful assistant."))
                        .add(new JsonObject().put("role", "user").put("content", "Write a short poem about AI.")));
        Response r = given().auth().oauth2(token).contentType("application/json").accept("text/event-stream")
                .body(request.encode()).post("/v1/chat/completions");
        r.then().statusCode(200).contentType(startsWith("text/event-stream"))
                .header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
        List<String> data = Fixtures.dataLines(r.asString());
        assertEquals("[DONE]", data.get(data.size() - 1));
        assertEquals(SimulatorProvider.PREFIX + "Write a short poem about AI.", Fixtures.streamedText(data));
        JsonObject first = new JsonObject(data.get(0));
        assertEquals("chat.completion.chunk", first.getString("object"));
        assertEquals(model, first.getString("model"));
        assertTrue(data.stream().noneMatch(d -> d.contains("\"usage\":{")), "no usage chunk unless asked for");
    }

    @Test
    void streamIncludesUsageWhenAsked() {
        String model = route(unique("sim"), simulator());
        Response r = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "one two three").put("stream", true)
                        .put("stream_options", new JsonObject().put("include_usage", true)).encode())
                .post("/v1/chat/completions");
        List<String> data = Fixtures.dataLines(r.asString());
        JsonObject usage = new JsonObject(data.get(data.size() - 2));
        assertTrue(usage.getJsonArray("choices").isEmpty());
        assertEquals(6, usage.getJsonObject("usage").getInteger("completion_tokens"));
    }

    @Test
    void maxTokensCutsTheAnswerWithFinishReasonLength() {
        String model = route(unique("sim"), simulator());
        given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "a b c d e f g").put("max_tokens", 3).encode())
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", equalTo("Simulated reply to:"))
                .body("choices[0].finish_reason", equalTo("length"))
                .body("usage.completion_tokens", equalTo(3));
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        given().auth().oauth2(token).contentType("application/json").body(chat("no-such-model", "hi").encode())
                .post("/v1/chat/completions").then().statusCode(404)
                .body("error.type", equalTo("not_found_error"))
                .body("error.code", equalTo("model_not_found"));
    }

    @Test
    void removedModelIs404WithinASecondWithoutRedis() throws InterruptedException {
        String model = route(unique("sim"), simulator());
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(200);
        Fixtures.removeRoute(model);
        long removed = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - removed < 3_000_000_000L) {
            status = given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                    .post("/v1/chat/completions").then().extract().statusCode();
        }
        long tookMs = (System.nanoTime() - removed) / 1_000_000;
        assertEquals(404, status, "the removal reached the cached route");
        assertTrue(tookMs < 1000, "seen within a second, took " + tookMs + " ms");
    }

    @Test
    void invalidRequestsAre400NamingTheField() {
        String model = route(unique("sim"), simulator());
        expect400(new JsonObject().put("messages", new JsonArray().add(new JsonObject().put("role", "user"))), "model");
        expect400(new JsonObject().put("model", model), "messages");
        expect400(new JsonObject().put("model", model).put("messages", new JsonArray()), "messages");
        expect400(new JsonObject().put("model", model).put("messages",
                new JsonArray().add(new JsonObject().put("content", "hi"))), "messages[0].role");
        expect400(chat(model, "hi").put("temperature", 2.5), "temperature");
        expect400(chat(model, "hi").put("max_tokens", 0), "max_tokens");
        expect400(chat(model, "hi").put("n", 2), "n");
        expect400(chat(model, "hi").put("stream", "yes"), "stream");
        expect400(chat(model, "hi").put("conversation", 12), "conversation");
    }

    private void expect400(JsonObject body, String param) {
        given().auth().oauth2(token).contentType("application/json").body(body.encode())
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param));
    }

    @Test
    void malformedJsonIs400() {
        given().auth().oauth2(token).contentType("application/json").body("{\"model\": ")
                .post("/v1/chat/completions").then().statusCode(400).body("error.code", equalTo("invalid_json"));
    }

    @Test
    void withoutCredentialsIs401() {
        given().contentType("application/json").body(chat("any", "hi").encode())
                .post("/v1/chat/completions").then().statusCode(401)
                .body("error.type", equalTo("authentication_error"));
    }

    @Test
    void openApiDocumentsTheRequestTheJsonAndStreamAnswersAndTheUpstreamErrors() {
        JsonObject doc = new JsonObject(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonObject op = doc.getJsonObject("paths").getJsonObject("/v1/chat/completions").getJsonObject("post");
        assertEquals("#/components/schemas/ChatCompletionRequest", op.getJsonObject("requestBody").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        JsonObject ok = op.getJsonObject("responses").getJsonObject("200").getJsonObject("content");
        assertEquals("#/components/schemas/ChatCompletion", ok.getJsonObject("application/json").getJsonObject("schema")
                .getString("$ref"));
        assertEquals("string", ok.getJsonObject("text/event-stream").getJsonObject("schema").getString("type"));
        for (String code : List.of("429", "502", "504")) {
            assertEquals("#/components/schemas/ErrorEnvelope", op.getJsonObject("responses").getJsonObject(code)
                    .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        }
        assertFalse(doc.getJsonObject("components").getJsonObject("schemas").containsKey("Buffer"));
    }
}
