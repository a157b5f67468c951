package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.seen;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.upstream;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An Anthropic upstream: the Messages API translated to and from OpenAI shapes, streaming included. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class AnthropicUpstreamTest {

    private final String token = userToken();

    private static final JsonArray TOOLS = new JsonArray().add(new JsonObject().put("type", "function").put("function",
            new JsonObject().put("name", "get_weather").put("parameters", new JsonObject().put("type", "object"))));

    private static JsonObject conversationRequest(String model) {
        return new JsonObject().put("model", model).put("max_tokens", 300).put("messages", new JsonArray()
                .add(new JsonObject().put("role", "system").put("content", "Be brief."))
                .add(new JsonObject().put("role", "user").put("content", "Weather in Paris?"))
                .add(new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray()
                        .add(new JsonObject().put("id", "call_1").put("type", "function").put("function",
                                new JsonObject().put("name", "get_weather").put("arguments", "{\"location\":\"Paris\"}")))))
                .add(new JsonObject().put("role", "tool").put("tool_call_id", "call_1").put("content", "18C, sunny")));
    }

    @Test
    void requestIsTranslatedToTheMessagesApi() {
        String id = unique("an");
        String model = route(unique("claude"), target("anthropic", upstream("anthropic", id)).put("api_key", "sk-ant-x"));
        given().auth().oauth2(token).contentType("application/json")
                .body(conversationRequest(model).put("tools", TOOLS).put("tool_choice", "required").put("temperature", 1.6)
                        .encode())
                .post("/v1/chat/completions").then().statusCode(200);
        JsonPath sent = seen(id);
        assertEquals("sk-ant-x", sent.getString("headers.x-api-key"));
        assertEquals("2023-06-01", sent.getString("headers.anthropic-version"));
        assertEquals("upstream-anthropic", sent.getString("body.model"));
        assertEquals("Be brief.", sent.getString("body.system"));
        assertEquals(300, sent.getInt("body.max_tokens"));
        assertEquals(List.of("user", "assistant", "user"), sent.getList("body.messages.role"));
        assertEquals("tool_use", sent.getString("body.messages[1].content[0].type"));
        assertEquals("Paris", sent.getString("body.messages[1].content[0].input.location"));
        assertEquals("tool_result", sent.getString("body.messages[2].content[0].type"));
        assertEquals("call_1", sent.getString("body.messages[2].content[0].tool_use_id"));
        assertEquals("get_weather", sent.getString("body.tools[0].name"));
        assertEquals("object", sent.getString("body.tools[0].input_schema.type"));
        assertEquals("any", sent.getString("body.tool_choice.type"));
        assertEquals(1.0f, sent.getFloat("body.temperature"), "OpenAI's 0..2 scale capped at Anthropic's 1");
    }

    @Test
    void wholeAnswerIsAChatCompletionWithUsage() {
        String model = route(unique("claude"), target("anthropic", upstream("anthropic", unique("an"))));
        given().auth().oauth2(token).contentType("application/json").body(Fixtures.chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(200)
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo(model))
                .body("choices[0].message.content", equalTo("Hello from Claude"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.prompt_tokens", equalTo(12))
                .body("usage.completion_tokens", equalTo(6))
                .body("usage.total_tokens", equalTo(18));
    }

    @Test
    void toolUseBecomesToolCalls() {
        String model = route(unique("claude"), target("anthropic", upstream("anthropic", unique("an"))));
        given().auth().oauth2(token).contentType("application/json")
                .body(Fixtures.chat(model, "Weather?").put("tools", TOOLS).encode())
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].finish_reason", equalTo("tool_calls"))
                .body("choices[0].message.content", equalTo("Let me check."))
                .body("choices[0].message.tool_calls[0].id", equalTo("toolu_01A09q90qw90lq917835lq9"))
                .body("choices[0].message.tool_calls[0].function.name", equalTo("get_weather"))
                .body("choices[0].message.tool_calls[0].function.arguments", equalTo("{\"location\":\"San Francisco, CA\"}"));
    }

    @Test
    void streamBecomesChatCompletionChunksWithUsage() {
        String model = route(unique("claude"), target("anthropic", upstream("anthropic", unique("an"))));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(Fixtures.chat(model, "hi").put("stream", true)
                        .put("stream_options", new JsonObject().put("include_usage", true)).encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<String> data = Fixtures.dataLines(body);
        assertEquals("[DONE]", data.get(data.size() - 1));
        assertEquals("Hello from Claude", Fixtures.streamedText(data));
        JsonObject first = new JsonObject(data.get(0));
        assertEquals("assistant", first.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("role"));
        assertEquals(model, first.getString("model"));
        JsonObject finish = new JsonObject(data.get(data.size() - 3));
        assertEquals("stop", finish.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
        JsonObject usage = new JsonObject(data.get(data.size() - 2)).getJsonObject("usage");
        assertEquals(25, usage.getInteger("prompt_tokens"));
        assertEquals(15, usage.getInteger("completion_tokens"));
        assertEquals(40, usage.getInteger("total_tokens"));
    }

    @Test
    void streamedToolUseBecomesToolCallDeltas() {
        String model = route(unique("claude"), target("anthropic", upstream("anthropic", unique("an"))));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(Fixtures.chat(model, "Weather?").put("stream", true).put("tools", TOOLS).encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<String> data = Fixtures.dataLines(body);
        StringBuilder arguments = new StringBuilder();
        String name = null;
        String callId = null;
        String finish = null;
        for (String d : data.subList(0, data.size() - 1)) {
            JsonObject choice = new JsonObject(d).getJsonArray("choices").getJsonObject(0);
            JsonArray calls = choice.getJsonObject("delta").getJsonArray("tool_calls");
            if (calls != null) {
                JsonObject call = calls.getJsonObject(0);
                assertEquals(0, call.getInteger("index"));
                callId = call.getString("id", callId);
                JsonObject function = call.getJsonObject("function");
                name = function.getString("name", name);
                arguments.append(function.getString("arguments", ""));
            }
            finish = choice.getString("finish_reason", finish);
        }
        assertEquals("toolu_01T1x1fJ34qAmk2tNTrN7Up6", callId);
        assertEquals("get_weather", name);
        assertEquals("{\"location\": \"San Francisco, CA\"}", arguments.toString());
        assertEquals("tool_calls", finish);
        assertEquals("Checking.", Fixtures.streamedText(data));
    }
}
