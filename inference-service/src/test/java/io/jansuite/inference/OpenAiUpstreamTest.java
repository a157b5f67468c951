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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.OpenAiShapes;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An OpenAI-compatible upstream: bodies and chunks pass through unchanged, the request is adapted. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class OpenAiUpstreamTest {

    private final String token = userToken();

    private static final JsonArray TOOLS = new JsonArray().add(new JsonObject().put("type", "function").put("function",
            new JsonObject().put("name", "get_weather").put("description", "Weather of a place").put("parameters",
                    new JsonObject().put("type", "object").put("properties",
                            new JsonObject().put("location", new JsonObject().put("type", "string"))))));

    @Test
    void wholeAnswerIsTheUpstreamBodyUnchanged() {
        String id = unique("up");
        String model = route(unique("oa"), target("openai", upstream("openai", id)).put("api_key", "sk-upstream-secret"));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "hi").put("user", "u-1").put("seed", 42).encode())
                .post("/v1/chat/completions").then().statusCode(200)
                .header("X-Upstream-Model", "upstream-openai").extract().asString();
        assertEquals(OpenAiShapes.completion(FakeUpstream.TEXT).replace(OpenAiShapes.MODEL, model), body,
                "the upstream's bytes, naming the model the client asked for");
        JsonPath upstream = seen(id);
        assertEquals("upstream-openai", upstream.getString("body.model"));
        assertEquals(42, upstream.getInt("body.seed"), "unknown fields reach the upstream");
        assertEquals("Bearer sk-upstream-secret", upstream.getString("headers.authorization"));
        assertNull(upstream.get("headers.x-internal-caller"), "the suite's internal credential never leaves it");
    }

    @Test
    void defaultTemperatureAppliesOnlyWhenTheRequestHasNone() {
        String id = unique("up");
        String model = route(unique("oa"), target("openai", upstream("openai", id)).put("default_temperature", 0.3));
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(200);
        assertEquals(0.3f, seen(id).getFloat("body.temperature"));
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").put("temperature", 1.5).encode())
                .post("/v1/chat/completions").then().statusCode(200);
        assertEquals(1.5f, seen(id).getFloat("body.temperature"));
    }

    @Test
    void streamPassesEveryChunkThroughAndEndsWithDone() {
        String id = unique("up");
        String model = route(unique("oa"), target("openai", upstream("openai", id)));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "hi").put("stream", true).encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<String> data = Fixtures.dataLines(body);
        List<String> expected = OpenAiShapes.textChunks(FakeUpstream.TOKENS).stream()
                .map(c -> c.replace(OpenAiShapes.MODEL, model)).toList();
        assertEquals(expected, data.subList(0, data.size() - 1),
                "chunks byte for byte but for the model the client asked for, no usage chunk unasked");
        assertEquals("[DONE]", data.get(data.size() - 1));
        assertTrue(seen(id).getBoolean("body.stream_options.include_usage"), "usage is always asked of the upstream");
    }

    @Test
    void streamUsageChunkIsPassedWhenTheClientAsks() {
        String id = unique("up");
        String model = route(unique("oa"), target("openai", upstream("openai", id)));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "hi").put("stream", true).put("stream_options", new JsonObject().put("include_usage", true))
                        .encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<String> data = Fixtures.dataLines(body);
        assertEquals(OpenAiShapes.usageChunk().replace(OpenAiShapes.MODEL, model), data.get(data.size() - 2));
    }

    @Test
    void toolCallDeltasPassThroughByteForByte() {
        String id = unique("up");
        String model = route(unique("oa"), target("openai", upstream("openai", id)));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "Weather in Paris?").put("stream", true).put("tools", TOOLS).put("tool_choice", "auto")
                        .encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<String> data = Fixtures.dataLines(body);
        assertEquals(OpenAiShapes.toolChunks().stream().map(c -> c.replace(OpenAiShapes.MODEL, model)).toList(),
                data.subList(0, data.size() - 1));
        JsonPath upstream = seen(id);
        assertEquals("get_weather", upstream.getString("body.tools[0].function.name"));
        assertEquals("auto", upstream.getString("body.tool_choice"));
    }

    @Test
    void wholeToolCallAnswerIsPassedThrough() {
        String id = unique("up");
        String model = route(unique("oa"), target("openai", upstream("openai", id)));
        given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "Weather in Paris?").put("tools", TOOLS).encode())
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].finish_reason", equalTo("tool_calls"))
                .body("choices[0].message.tool_calls[0].function.arguments", equalTo("{\"location\":\"Paris, France\"}"));
    }

    @Test
    void upstreamRefusingTheRequestIs400WithItsMessageAndNoFailover() {
        String bad = unique("up");
        String good = unique("up");
        String model = route(unique("oa"), target("openai", upstream("error400", bad)),
                target("openai", upstream("openai", good)));
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("upstream_rejected_request"))
                .body("error.message", equalTo("Invalid 'messages[0].content': string too long."));
        assertEquals(0, seen(good).getInt("hits"));
    }

    @Test
    void conversationFieldNeverReachesTheUpstream() {
        String id = unique("up");
        String model = route(unique("oa"), target("openai", upstream("openai", id)));
        String conv = unique("conv");
        Fixtures.conversation(conv, token, new JsonArray());
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").put("conversation", conv).encode())
                .post("/v1/chat/completions").then().statusCode(200);
        assertFalse(seen(id).getMap("body").containsKey("conversation"));
    }

    @Test
    void anUpstreamRefusingStreamOptionsStillStreams() {
        String id = unique("up");
        String model = route(unique("oa"), target("openai", upstream("nostreamoptions", id)));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "hi").put("stream", true).encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        assertEquals(FakeUpstream.TEXT, Fixtures.streamedText(Fixtures.dataLines(body)));
        assertEquals(2, seen(id).getInt("hits"));
    }
}
