package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/responses} over the chat path: OpenAI's objects, items and stream events. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class ResponsesTest {

    private final String token = userToken();

    static String scripted(JsonObject... steps) {
        String id = unique("s");
        JsonArray script = new JsonArray();
        for (JsonObject step : steps) {
            script.add(step);
        }
        given().body(script.encode()).post(FakeUpstream.control(id)).then().statusCode(200);
        return route(unique("m"), target("openai", FakeUpstream.url("scripted", id))) + "|" + id;
    }

    static String model(String scripted) {
        return scripted.split("\\|")[0];
    }

    static JsonArray requests(String scripted) {
        return new JsonObject(given().get(FakeUpstream.control(scripted.split("\\|")[1]))
                .then().statusCode(200).extract().asString()).getJsonArray("requests");
    }

    private JsonPath create(JsonObject body) {
        return given().auth().oauth2(token).contentType("application/json").body(body.encode())
                .post("/v1/responses").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void plainInputIsAnsweredAsAResponseObject() {
        String s = scripted(new JsonObject().put("text", "Hello there"));
        JsonPath r = create(new JsonObject().put("model", model(s)).put("input", "Hi"));
        assertTrue(r.getString("id").startsWith("resp_"));
        assertEquals("response", r.getString("object"));
        assertEquals("completed", r.getString("status"));
        assertEquals(model(s), r.getString("model"));
        assertEquals("message", r.getString("output[0].type"));
        assertEquals("assistant", r.getString("output[0].role"));
        assertEquals("output_text", r.getString("output[0].content[0].type"));
        assertEquals("Hello there", r.getString("output[0].content[0].text"));
        assertEquals(10, r.getInt("usage.input_tokens"));
        assertEquals(2, r.getInt("usage.output_tokens"));
        assertEquals(12, r.getInt("usage.total_tokens"));
        JsonObject sent = requests(s).getJsonObject(0);
        assertEquals(new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hi")),
                sent.getJsonArray("messages"));
    }

    @Test
    void instructionsTemperatureAndMaxOutputTokensReachTheModel() {
        String s = scripted(new JsonObject().put("text", "Sure"));
        JsonPath r = create(new JsonObject().put("model", model(s)).put("instructions", "Be brief.")
                .put("temperature", 0.2).put("max_output_tokens", 50).put("metadata", new JsonObject().put("k", "v"))
                .put("input", new JsonArray().add(new JsonObject().put("role", "user").put("content",
                        new JsonArray().add(new JsonObject().put("type", "input_text").put("text", "Go"))))));
        assertEquals("Be brief.", r.getString("instructions"));
        assertEquals("v", r.getString("metadata.k"));
        assertEquals(50, r.getInt("max_output_tokens"));
        JsonObject sent = requests(s).getJsonObject(0);
        assertEquals("system", sent.getJsonArray("messages").getJsonObject(0).getString("role"));
        assertEquals("Be brief.", sent.getJsonArray("messages").getJsonObject(0).getString("content"));
        assertEquals("Go", sent.getJsonArray("messages").getJsonObject(1).getString("content"));
        assertEquals(0.2, sent.getDouble("temperature"));
        assertEquals(50, sent.getInteger("max_tokens"));
    }

    @Test
    void streamSendsOpenAisEventsInOrderWithSequenceNumbers() {
        String s = scripted(new JsonObject().put("text", "One two"));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", model(s)).put("input", "Hi").put("stream", true).encode())
                .post("/v1/responses").then().statusCode(200).header("Content-Type", startsWith("text/event-stream"))
                .extract().asString();
        List<JsonObject> events = ResponsesFixtures.events(body);
        List<String> types = events.stream().map(e -> e.getString("type")).toList();
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed"), types);
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).getInteger("sequence_number"));
        }
        assertEquals("in_progress", events.get(0).getJsonObject("response").getString("status"));
        assertEquals("One two", events.get(6).getString("text"));
        JsonObject done = events.get(9).getJsonObject("response");
        assertEquals("completed", done.getString("status"));
        assertEquals("One two", done.getJsonArray("output").getJsonObject(0).getJsonArray("content")
                .getJsonObject(0).getString("text"));
        assertTrue(body.contains("event: response.output_text.delta\n"), "SSE event names");
        // stored before the stream ended: retrievable at once
        given().auth().oauth2(token).get("/v1/responses/" + done.getString("id")).then().statusCode(200)
                .body("status", equalTo("completed"));
    }

    @Test
    void functionToolCallIsReturnedAndItsOutputContinuesTheTurn() {
        String s = scripted(new JsonObject().put("tools", new JsonArray().add(new JsonObject().put("id", "call_w1")
                .put("name", "get_weather").put("arguments", "{\"city\":\"Paris\"}"))),
                new JsonObject().put("text", "It is sunny"));
        JsonObject tool = new JsonObject().put("type", "function").put("name", "get_weather").put("parameters",
                new JsonObject().put("type", "object").put("properties", new JsonObject().put("city",
                        new JsonObject().put("type", "string"))));
        JsonPath first = create(new JsonObject().put("model", model(s)).put("input", "Weather in Paris?")
                .put("tools", new JsonArray().add(tool)));
        assertEquals("completed", first.getString("status"));
        assertEquals("function_call", first.getString("output[0].type"));
        assertEquals("get_weather", first.getString("output[0].name"));
        assertEquals("call_w1", first.getString("output[0].call_id"));
        assertEquals("{\"city\":\"Paris\"}", first.getString("output[0].arguments"));
        JsonObject chatTool = requests(s).getJsonObject(0).getJsonArray("tools").getJsonObject(0);
        assertEquals("get_weather", chatTool.getJsonObject("function").getString("name"));

        JsonPath second = create(new JsonObject().put("model", model(s)).put("tools", new JsonArray().add(tool))
                .put("previous_response_id", first.getString("id"))
                .put("input", new JsonArray().add(new JsonObject().put("type", "function_call_output")
                        .put("call_id", "call_w1").put("output", "{\"sky\":\"clear\"}"))));
        assertEquals("It is sunny", second.getString("output[0].content[0].text"));
        assertEquals(first.getString("id"), second.getString("previous_response_id"));
        JsonArray messages = requests(s).getJsonObject(1).getJsonArray("messages");
        assertEquals("user", messages.getJsonObject(0).getString("role"));
        assertEquals("assistant", messages.getJsonObject(1).getString("role"));
        assertEquals("call_w1", messages.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0).getString("id"));
        assertEquals("tool", messages.getJsonObject(2).getString("role"));
        assertEquals("call_w1", messages.getJsonObject(2).getString("tool_call_id"));
        assertEquals("{\"sky\":\"clear\"}", messages.getJsonObject(2).getString("content"));
    }

    @Test
    void streamedFunctionCallSendsArgumentEvents() {
        String s = scripted(new JsonObject().put("tools", new JsonArray().add(new JsonObject().put("id", "call_x")
                .put("name", "lookup").put("arguments", "{\"q\":\"abc\"}"))));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", model(s)).put("input", "find").put("stream", true)
                        .put("tools", new JsonArray().add(new JsonObject().put("type", "function").put("name", "lookup")))
                        .encode())
                .post("/v1/responses").then().statusCode(200).extract().asString();
        List<JsonObject> events = ResponsesFixtures.events(body);
        List<String> types = events.stream().map(e -> e.getString("type")).toList();
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed"), types);
        assertEquals("{\"q\":\"abc\"}", events.get(5).getString("arguments"));
        assertEquals("function_call", events.get(6).getJsonObject("item").getString("type"));
    }

    @Test
    void previousResponseIdCarriesTheConversationButNotTheInstructions() {
        String s = scripted(new JsonObject().put("text", "I am Jan"), new JsonObject().put("text", "You asked my name"));
        JsonPath first = create(new JsonObject().put("model", model(s)).put("instructions", "Answer as Jan.")
                .put("input", "Your name?"));
        create(new JsonObject().put("model", model(s)).put("input", "What did I ask?")
                .put("previous_response_id", first.getString("id")));
        JsonArray messages = requests(s).getJsonObject(1).getJsonArray("messages");
        assertEquals(3, messages.size(), messages.encode());
        assertEquals("Your name?", messages.getJsonObject(0).getString("content"));
        assertEquals("assistant", messages.getJsonObject(1).getString("role"));
        assertEquals("I am Jan", messages.getJsonObject(1).getString("content"));
        assertEquals("What did I ask?", messages.getJsonObject(2).getString("content"));
    }

    @Test
    void storedResponseIsRetrievedListedAndDeletedByItsOwnerOnly() {
        String s = scripted(new JsonObject().put("text", "Stored"));
        JsonPath r = create(new JsonObject().put("model", model(s)).put("input", new JsonArray()
                .add(new JsonObject().put("role", "developer").put("content", "Be kind."))
                .add(new JsonObject().put("role", "user").put("content", "Keep this"))));
        String id = r.getString("id");
        given().auth().oauth2(token).get("/v1/responses/" + id).then().statusCode(200)
                .body("output[0].content[0].text", equalTo("Stored"));
        JsonPath items = given().auth().oauth2(token).get("/v1/responses/" + id + "/input_items").then()
                .statusCode(200).extract().jsonPath();
        assertEquals("list", items.getString("object"));
        assertEquals(2, items.getList("data").size());
        assertEquals("Keep this", items.getString("data[0].content[0].text"), "newest first by default");
        assertEquals("input_text", items.getString("data[0].content[0].type"));
        assertTrue(items.getString("data[0].id").startsWith("msg_"));
        assertEquals(items.getString("data[1].id"), items.getString("last_id"));
        given().auth().oauth2(token).queryParam("order", "asc").queryParam("limit", 1)
                .get("/v1/responses/" + id + "/input_items").then().statusCode(200)
                .body("data[0].role", equalTo("developer")).body("has_more", equalTo(true));

        String other = userToken();
        given().auth().oauth2(other).get("/v1/responses/" + id).then().statusCode(404)
                .body("error.code", equalTo("response_not_found"));
        given().auth().oauth2(other).get("/v1/responses/" + id + "/input_items").then().statusCode(404);
        given().auth().oauth2(other).delete("/v1/responses/" + id).then().statusCode(404);
        given().auth().oauth2(other).contentType("application/json").body(new JsonObject().put("model", model(s))
                .put("input", "x").put("previous_response_id", id).encode()).post("/v1/responses").then()
                .statusCode(404).body("error.param", equalTo("previous_response_id"));

        given().auth().oauth2(token).delete("/v1/responses/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("deleted", equalTo(true)).body("object", equalTo("response"));
        given().auth().oauth2(token).get("/v1/responses/" + id).then().statusCode(404);
    }

    @Test
    void storeFalseKeepsNothing() {
        String s = scripted(new JsonObject().put("text", "Gone"));
        JsonPath r = create(new JsonObject().put("model", model(s)).put("input", "x").put("store", false));
        assertEquals(false, r.getBoolean("store"));
        given().auth().oauth2(token).get("/v1/responses/" + r.getString("id")).then().statusCode(404);
    }

    @Test
    void badRequestsAreClear400sAndUnknownModelsA404() {
        given().auth().oauth2(token).contentType("application/json").body("{\"model\":\"m\"}").post("/v1/responses")
                .then().statusCode(400).body("error.param", equalTo("input"));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"model\":\"m\",\"input\":\"x\",\"temperature\":3}").post("/v1/responses")
                .then().statusCode(400).body("error.param", equalTo("temperature"));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search_preview\"}]}")
                .post("/v1/responses").then().statusCode(400).body("error.param", equalTo("tools[0].type"));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"robot\",\"content\":\"x\"}]}")
                .post("/v1/responses").then().statusCode(400).body("error.param", equalTo("input[0].role"));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"model\":\"no-such-model\",\"input\":\"x\"}").post("/v1/responses")
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
        given().contentType("application/json").body("{\"model\":\"m\",\"input\":\"x\"}").post("/v1/responses")
                .then().statusCode(401);
    }

    @Test
    void upstreamDownBeforeTheStartIsAnHttpError() {
        String s = scripted(new JsonObject().put("status", 500), new JsonObject().put("status", 500));
        given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", model(s)).put("input", "x").encode()).post("/v1/responses")
                .then().statusCode(502).body("error.type", equalTo("upstream_error"));
    }

    @Test
    void streamThatBreaksEndsWithResponseFailed() {
        String s = scripted(new JsonObject().put("break", true));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", model(s)).put("input", "x").put("stream", true).encode())
                .post("/v1/responses").then().statusCode(200).extract().asString();
        List<JsonObject> events = ResponsesFixtures.events(body);
        JsonObject last = events.get(events.size() - 1);
        assertEquals("response.failed", last.getString("type"), body);
        assertEquals("failed", last.getJsonObject("response").getString("status"));
        assertTrue(last.getJsonObject("response").getJsonObject("error").getString("message").length() > 0);
        given().auth().oauth2(token).get("/v1/responses/" + last.getJsonObject("response").getString("id"))
                .then().statusCode(200).body("status", equalTo("failed"));
    }

    @Test
    void truncatedAnswerIsIncompleteForMaxOutputTokens() {
        String s = scripted(new JsonObject().put("text", "Cut short").put("finish", "length"));
        JsonPath r = create(new JsonObject().put("model", model(s)).put("input", "x").put("max_output_tokens", 2));
        assertEquals("incomplete", r.getString("status"));
        assertEquals("max_output_tokens", r.getString("incomplete_details.reason"));
        assertEquals("incomplete", r.getString("output[0].status"));
    }

    @Test
    void backgroundResponseRunsAfterTheAnswerAndCanBeCancelled() throws Exception {
        String s = scripted(new JsonObject().put("text", "Later"));
        JsonPath queued = create(new JsonObject().put("model", model(s)).put("input", "x").put("background", true));
        assertEquals("queued", queued.getString("status"));
        String id = queued.getString("id");
        String status = "queued";
        for (int i = 0; i < 100 && !status.equals("completed"); i++) {
            Thread.sleep(50);
            status = given().auth().oauth2(token).get("/v1/responses/" + id).then().statusCode(200).extract()
                    .path("status");
        }
        assertEquals("completed", status);
        given().auth().oauth2(token).get("/v1/responses/" + id).then().body("output[0].content[0].text",
                equalTo("Later"));

        String hanging = scripted(new JsonObject().put("hang", true));
        String slow = create(new JsonObject().put("model", model(hanging)).put("input", "x").put("background", true))
                .getString("id");
        given().auth().oauth2(token).post("/v1/responses/" + slow + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        given().auth().oauth2(token).get("/v1/responses/" + slow).then().body("status", equalTo("cancelled"));
        given().auth().oauth2(userToken()).post("/v1/responses/" + slow + "/cancel").then().statusCode(404);
        given().auth().oauth2(token).post("/v1/responses/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("completed"));
    }

    /** Parsing helpers kept beside the test that uses them. */
    static final class ResponsesFixtures {
        static List<JsonObject> events(String body) {
            List<JsonObject> out = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (line.startsWith("data: ")) {
                    out.add(new JsonObject(line.substring(6)));
                }
            }
            return out;
        }
    }
}
