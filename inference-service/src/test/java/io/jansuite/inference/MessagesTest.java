package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.seen;
import static io.jansuite.inference.Fixtures.simulator;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.upstream;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.common.auth.ApiKeyFormat;
import io.jansuite.inference.provider.SimulatorProvider;
import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/messages} (Anthropic's Messages API) served by the catalog's models, whole and streamed. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
@QuarkusTestResource(FakeAuthService.class)
class MessagesTest {

    private static final JsonArray TOOLS = new JsonArray().add(new JsonObject().put("name", "get_weather")
            .put("description", "Weather of a place").put("input_schema", new JsonObject().put("type", "object")
                    .put("properties", new JsonObject().put("location", new JsonObject().put("type", "string")))));

    private final String key = ApiKeyFormat.generate();

    MessagesTest() {
        FakeAuthService.register(key, unique("key"), TestTokens.newUserId());
    }

    static JsonObject message(String model, String text) {
        return new JsonObject().put("model", model).put("max_tokens", 200).put("messages", new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", text)));
    }

    private Response post(String path, JsonObject body) {
        return given().header("x-api-key", key).header("anthropic-version", "2023-06-01").contentType("application/json")
                .body(body.encode()).post(path);
    }

    /** (event name, data) of each SSE event. */
    static List<String[]> events(String body) {
        List<String[]> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (name != null) {
                out.add(new String[] { name, data });
            }
        }
        return out;
    }

    @Test
    void aPlainMessageIsAnsweredInAnthropicsShapeUnderTheRequestedModel() {
        String model = route(unique("msg"), simulator().put("upstream_model", "sim-upstream"));
        Response r = post("/v1/messages", message(model, "Hello there").put("system", "Be brief."));
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("sim-upstream", r.header("X-Upstream-Model"));
        JsonPath m = r.jsonPath();
        assertTrue(m.getString("id").startsWith("msg_"));
        assertEquals("message", m.getString("type"));
        assertEquals("assistant", m.getString("role"));
        assertEquals(model, m.getString("model"));
        assertEquals("text", m.getString("content[0].type"));
        assertEquals(SimulatorProvider.PREFIX + "Hello there", m.getString("content[0].text"));
        assertEquals("end_turn", m.getString("stop_reason"));
        assertEquals(5, m.getInt("usage.output_tokens"));
        assertTrue(m.getInt("usage.input_tokens") > 0);
    }

    @Test
    void maxTokensCutsTheAnswerWithStopReasonMaxTokens() {
        String model = route(unique("msg"), simulator());
        JsonPath m = post("/v1/messages", message(model, "one two three four").put("max_tokens", 2)).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("max_tokens", m.getString("stop_reason"));
        assertEquals(2, m.getInt("usage.output_tokens"));
    }

    @Test
    void toolsReachAnOpenAiUpstreamAsFunctionsAndItsCallComesBackAsToolUse() {
        String id = unique("up");
        String model = route(unique("msg"), target("openai", upstream("openai", id)));
        JsonPath m = post("/v1/messages", message(model, "Weather in Paris?").put("tools", TOOLS)
                .put("tool_choice", new JsonObject().put("type", "any"))).then().statusCode(200).extract().jsonPath();
        assertEquals("tool_use", m.getString("stop_reason"));
        assertEquals("tool_use", m.getString("content[0].type"));
        assertEquals("call_Dn2RJJSxzDm49vlVTehseJ0k", m.getString("content[0].id"));
        assertEquals("get_weather", m.getString("content[0].name"));
        assertEquals("Paris, France", m.getString("content[0].input.location"));
        assertEquals(81, m.getInt("usage.input_tokens"));
        assertEquals(17, m.getInt("usage.output_tokens"));
        assertEquals(model, m.getString("model"));
        JsonPath sent = seen(id);
        assertEquals("function", sent.getString("body.tools[0].type"));
        assertEquals("get_weather", sent.getString("body.tools[0].function.name"));
        assertEquals("string", sent.getString("body.tools[0].function.parameters.properties.location.type"));
        assertEquals("required", sent.getString("body.tool_choice"));
        assertEquals(200, sent.getInt("body.max_tokens"));
    }

    @Test
    void toolUseAndToolResultBlocksBecomeToolCallsAndAToolMessage() {
        String id = unique("up");
        String model = route(unique("msg"), target("openai", upstream("openai", id)));
        JsonObject request = new JsonObject().put("model", model).put("max_tokens", 100)
                .put("system", new JsonArray().add(new JsonObject().put("type", "text").put("text", "You help.")))
                .put("messages", new JsonArray()
                        .add(new JsonObject().put("role", "user").put("content", "Weather in Paris?"))
                        .add(new JsonObject().put("role", "assistant").put("content", new JsonArray()
                                .add(new JsonObject().put("type", "text").put("text", "Let me look."))
                                .add(new JsonObject().put("type", "tool_use").put("id", "toolu_1").put("name", "get_weather")
                                        .put("input", new JsonObject().put("location", "Paris")))))
                        .add(new JsonObject().put("role", "user").put("content", new JsonArray()
                                .add(new JsonObject().put("type", "tool_result").put("tool_use_id", "toolu_1")
                                        .put("content", "18 C and sunny"))
                                .add(new JsonObject().put("type", "text").put("text", "And tomorrow?")))));
        JsonPath m = post("/v1/messages", request).then().statusCode(200).extract().jsonPath();
        assertEquals(FakeUpstream.TEXT, m.getString("content[0].text"));
        JsonPath sent = seen(id);
        assertEquals(List.of("system", "user", "assistant", "tool", "user"), sent.getList("body.messages.role"));
        assertEquals("You help.", sent.getString("body.messages[0].content"));
        assertEquals("Let me look.", sent.getString("body.messages[2].content"));
        assertEquals("toolu_1", sent.getString("body.messages[2].tool_calls[0].id"));
        assertEquals("{\"location\":\"Paris\"}", sent.getString("body.messages[2].tool_calls[0].function.arguments"));
        assertEquals("toolu_1", sent.getString("body.messages[3].tool_call_id"));
        assertEquals("18 C and sunny", sent.getString("body.messages[3].content"));
        assertEquals("And tomorrow?", sent.getString("body.messages[4].content[0].text"));
    }

    @Test
    void aStreamIsAnthropicsEventSequence() {
        String model = route(unique("msg"), simulator());
        Response r = post("/v1/messages", message(model, "Stream this please").put("stream", true));
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("text/event-stream"));
        List<String[]> events = events(r.asString());
        List<String> names = events.stream().map(e -> e[0]).toList();
        assertEquals("message_start", names.get(0));
        assertEquals("content_block_start", names.get(1));
        assertEquals(List.of("content_block_stop", "message_delta", "message_stop"), names.subList(names.size() - 3, names.size()));
        StringBuilder text = new StringBuilder();
        for (String[] e : events) {
            JsonObject data = new JsonObject(e[1]);
            assertEquals(e[0], data.getString("type"), "each event's data names its type");
            if (e[0].equals("content_block_delta")) {
                assertEquals("text_delta", data.getJsonObject("delta").getString("type"));
                text.append(data.getJsonObject("delta").getString("text"));
            }
        }
        assertEquals(SimulatorProvider.PREFIX + "Stream this please", text.toString());
        JsonObject start = new JsonObject(events.get(0)[1]).getJsonObject("message");
        assertEquals(model, start.getString("model"));
        JsonObject delta = new JsonObject(events.get(events.size() - 2)[1]);
        assertEquals("end_turn", delta.getJsonObject("delta").getString("stop_reason"));
        assertEquals(6, delta.getJsonObject("usage").getInteger("output_tokens"));
    }

    @Test
    void aStreamedToolCallIsAToolUseBlockWithInputJsonDeltas() {
        String model = route(unique("msg"), target("openai", upstream("openai", unique("up"))));
        Response r = post("/v1/messages", message(model, "Weather in Paris?").put("tools", TOOLS).put("stream", true));
        List<String[]> events = events(r.asString());
        StringBuilder json = new StringBuilder();
        JsonObject block = null;
        for (String[] e : events) {
            JsonObject data = new JsonObject(e[1]);
            if (e[0].equals("content_block_start")) {
                block = data.getJsonObject("content_block");
            } else if (e[0].equals("content_block_delta")) {
                json.append(data.getJsonObject("delta").getString("partial_json"));
            }
        }
        assertEquals("tool_use", block.getString("type"));
        assertEquals("get_weather", block.getString("name"));
        assertEquals("call_DdmO9pD3xa9XTPNJ32zg2hcA", block.getString("id"));
        assertEquals("Paris, France", new JsonObject(json.toString()).getString("location"));
        JsonObject delta = new JsonObject(events.get(events.size() - 2)[1]);
        assertEquals("tool_use", delta.getJsonObject("delta").getString("stop_reason"));
    }

    @Test
    void badRequestsAre400InBothEnvelopes() {
        String model = route(unique("msg"), simulator());
        JsonPath noMax = post("/v1/messages", message(model, "hi").put("max_tokens", (Integer) null)).then().statusCode(400)
                .extract().jsonPath();
        assertEquals("error", noMax.getString("type"));
        assertEquals("invalid_request_error", noMax.getString("error.type"));
        assertEquals("max_tokens", noMax.getString("error.param"));
        JsonObject badRole = message(model, "hi");
        badRole.getJsonArray("messages").getJsonObject(0).put("role", "system");
        assertEquals("messages[0].role", post("/v1/messages", badRole).then().statusCode(400).extract().path("error.param"));
        assertEquals("model_not_found", post("/v1/messages", message(unique("nope"), "hi")).then().statusCode(404)
                .extract().path("error.code"));
        given().contentType("application/json").body(message(model, "hi").encode()).post("/v1/messages").then().statusCode(401);
    }

    @Test
    void aKeyLimitedToOneModelIsRefusedOthersHereToo() {
        String allowed = route(unique("msg"), simulator());
        String other = route(unique("msg"), simulator());
        String limited = ApiKeyFormat.generate();
        FakeAuthService.register(limited, unique("key"), TestTokens.newUserId(), allowed);
        for (String path : new String[] { "/v1/messages", "/v1/messages/count_tokens" }) {
            given().header("x-api-key", limited).contentType("application/json").body(message(allowed, "hi").encode())
                    .post(path).then().statusCode(200);
            JsonPath refused = given().header("x-api-key", limited).contentType("application/json")
                    .body(message(other, "hi").encode()).post(path).then().statusCode(403).extract().jsonPath();
            assertEquals("permission_error", refused.getString("error.type"));
            assertEquals("model_not_allowed", refused.getString("error.code"));
        }
    }

    @Test
    void countTokensGrowsWithTheInput() {
        String model = route(unique("msg"), simulator());
        JsonObject shortOne = message(model, "hi");
        shortOne.remove("max_tokens");
        int small = post("/v1/messages/count_tokens", shortOne).then().statusCode(200).extract().path("input_tokens");
        int large = post("/v1/messages/count_tokens", message(model, "hi ".repeat(400)).put("tools", TOOLS)).then()
                .statusCode(200).extract().path("input_tokens");
        assertTrue(small >= 1);
        assertTrue(large > small + 250, small + " then " + large);
    }
}
