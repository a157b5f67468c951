package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.neighbours;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.userToken;
import static io.jansuite.inference.ResponsesTest.model;
import static io.jansuite.inference.ResponsesTest.requests;
import static io.jansuite.inference.ResponsesTest.scripted;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.McpTestServer;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Responses whose model calls the tools of a real MCP server (the official Java SDK, streamable HTTP, behind
 * a bearer token): the loop, the admin's switches and content filters, and tools that hang or answer too much.
 * The catalog's answer for the server is set in the fake neighbour, as the catalog-service gives it after a sync.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class ResponsesMcpTest {

    private static final String TOKEN = "mcp-" + UUID.randomUUID();
    private static McpTestServer server;
    private final String token = userToken();

    @BeforeAll
    static void start() throws Exception {
        server = new McpTestServer(TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Registers the test server under a new label; tools named in {@code disabled} are switched off. */
    private static String register(Set<String> disabled, JsonObject filter) {
        String label = unique("tools").replace('-', '_');
        JsonArray tools = new JsonArray();
        for (String name : List.of("add", "echo", "hang", "huge", "fail")) {
            JsonObject schema = new JsonObject().put("type", "object").put("properties", new JsonObject());
            tools.add(new JsonObject().put("id", "mcpt_" + name).put("name", name).put("description", "the " + name + " tool")
                    .put("enabled", !disabled.contains(name)).put("input_schema", schema)
                    .put("content_filter", name.equals("echo") && filter != null ? filter
                            : new JsonObject().put("disallowed_keywords", new JsonArray())
                                    .put("disallowed_patterns", new JsonArray())));
        }
        JsonObject entry = new JsonObject().put("id", "mcps_" + label).put("name", label).put("url", server.url())
                .put("headers", new JsonObject().put("Authorization", "Bearer " + TOKEN)).put("tools", tools);
        given().body(entry.encode()).post(neighbours() + "/control/mcp-servers/" + label).then().statusCode(200);
        return label;
    }

    private static JsonObject call(String label, String tool, String arguments) {
        return new JsonObject().put("tools", new JsonArray().add(new JsonObject().put("id", "call_" + UUID.randomUUID())
                .put("name", label + "__" + tool).put("arguments", arguments)));
    }

    private JsonPath respond(String scripted, String label, boolean stream) {
        JsonObject body = new JsonObject().put("model", model(scripted)).put("input", "Use the tools.")
                .put("tools", new JsonArray().add(new JsonObject().put("type", "mcp").put("server_label", label)
                        .put("require_approval", "never")));
        return given().auth().oauth2(token).contentType("application/json").body(body.put("stream", stream).encode())
                .post("/v1/responses").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void modelCallsAToolTwiceThenAnswers() {
        String label = register(Set.of("echo"), null);
        int before = server.calls("add");
        String s = scripted(call(label, "add", "{\"a\":1,\"b\":2}"), call(label, "add", "{\"a\":3,\"b\":4}"),
                new JsonObject().put("text", "3 and 7"));
        JsonPath r = respond(s, label, false);
        assertEquals("completed", r.getString("status"));
        assertEquals(List.of("mcp_list_tools", "mcp_call", "mcp_call", "message"), r.getList("output.type"));
        assertEquals(label, r.getString("output[0].server_label"));
        assertFalse(r.getList("output[0].tools.name").contains("echo"), "a disabled tool is not listed");
        assertEquals("add", r.getString("output[1].name"));
        assertEquals("{\"a\":1,\"b\":2}", r.getString("output[1].arguments"));
        assertEquals("3.0", r.getString("output[1].output"));
        assertEquals("7.0", r.getString("output[2].output"));
        assertEquals("3 and 7", r.getString("output[3].content[0].text"));
        assertEquals(2, server.calls("add") - before, "the suite ran both calls");
        assertEquals(30, r.getInt("usage.input_tokens"), "usage counts every model call");

        JsonArray sent = requests(s);
        assertEquals(3, sent.size());
        List<String> offered = sent.getJsonObject(0).getJsonArray("tools").stream()
                .map(t -> ((JsonObject) t).getJsonObject("function").getString("name")).toList();
        assertTrue(offered.contains(label + "__add") && !offered.contains(label + "__echo"), offered.toString());
        JsonArray third = sent.getJsonObject(2).getJsonArray("messages");
        assertEquals("tool", third.getJsonObject(2).getString("role"));
        assertEquals("3.0", third.getJsonObject(2).getString("content"));
        assertEquals("7.0", third.getJsonObject(4).getString("content"));
    }

    @Test
    void disabledToolIsNeverCalled() {
        String label = register(Set.of("echo"), null);
        int before = server.calls("echo");
        String s = scripted(call(label, "echo", "{\"text\":\"hi\"}"), new JsonObject().put("text", "ok"));
        JsonPath r = respond(s, label, false);
        assertEquals("mcp_call", r.getString("output[1].type"), "never handed to the client as a function call");
        assertEquals("failed", r.getString("output[1].status"));
        assertTrue(r.getString("output[1].error").contains("not available"), r.getString("output[1].error"));
        assertEquals(before, server.calls("echo"));
        assertEquals("completed", r.getString("status"));
    }

    @Test
    void callMatchingTheContentFilterIsRefusedAndTheModelSeesTheRefusal() {
        String label = register(Set.of(), new JsonObject().put("disallowed_keywords", new JsonArray().add("Password"))
                .put("disallowed_patterns", new JsonArray().add("\\d{3}-\\d{2}-\\d{4}")));
        int before = server.calls("echo");
        String s = scripted(call(label, "echo", "{\"text\":\"my password is x\"}"),
                call(label, "echo", "{\"text\":\"ssn 123-45-6789\"}"), call(label, "echo", "{\"text\":\"fine\"}"),
                new JsonObject().put("text", "done"));
        JsonPath r = respond(s, label, false);
        assertTrue(r.getString("output[1].error").contains("refused"));
        assertTrue(r.getString("output[2].error").contains("refused"));
        assertEquals("fine", r.getString("output[3].output"));
        assertEquals(1, server.calls("echo") - before, "only the clean call ran");
        String seen = requests(s).getJsonObject(1).getJsonArray("messages").getJsonObject(2).getString("content");
        assertTrue(seen.startsWith("Error: The call to echo was refused"), seen);
    }

    @Test
    void hangingToolTimesOutAndTheLoopGoesOn() {
        String label = register(Set.of(), null);
        String s = scripted(call(label, "hang", "{}"), new JsonObject().put("text", "it timed out"));
        long started = System.nanoTime();
        JsonPath r = respond(s, label, false);
        assertTrue((System.nanoTime() - started) / 1_000_000 < 15_000, "bounded by the tool timeout");
        assertEquals("failed", r.getString("output[1].status"));
        assertTrue(r.getString("output[1].error").contains("did not answer within 2 s"), r.getString("output[1].error"));
        assertEquals("completed", r.getString("status"));
        assertEquals("it timed out", r.getString("output[2].content[0].text"));
    }

    @Test
    void tenMegabyteAnswerIsAnErrorNotAMemoryProblem() {
        String label = register(Set.of(), null);
        String s = scripted(call(label, "huge", "{}"), new JsonObject().put("text", "too big"));
        JsonPath r = respond(s, label, false);
        assertEquals("failed", r.getString("output[1].status"));
        assertTrue(r.getString("output[1].error").length() < 200, r.getString("output[1].error"));
        assertTrue(requests(s).getJsonObject(1).encode().length() < 100_000, "the model was not sent 10 MB");
        assertEquals("completed", r.getString("status"));
    }

    @Test
    void upstreamFailingMidLoopEndsFailedKeepingWhatHappened() {
        String label = register(Set.of(), null);
        String s = scripted(call(label, "add", "{\"a\":1,\"b\":1}"), new JsonObject().put("status", 500),
                new JsonObject().put("status", 500));
        JsonPath r = respond(s, label, false);
        assertEquals("failed", r.getString("status"));
        assertEquals("server_error", r.getString("error.code"));
        assertEquals("2.0", r.getString("output[1].output"));
        given().auth().oauth2(token).get("/v1/responses/" + r.getString("id")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("failed"));
    }

    @Test
    void loopStopsAsIncompleteWhenTheModelCallsAreSpent() {
        String label = register(Set.of(), null);
        String s = scripted(call(label, "add", "{\"a\":1,\"b\":1}"), call(label, "add", "{\"a\":1,\"b\":1}"),
                call(label, "add", "{\"a\":1,\"b\":1}"), call(label, "add", "{\"a\":1,\"b\":1}"),
                call(label, "add", "{\"a\":1,\"b\":1}"));
        JsonPath r = respond(s, label, false);
        assertEquals("incomplete", r.getString("status"));
        assertEquals("max_tool_calls", r.getString("incomplete_details.reason"));
        assertEquals(4, requests(s).size(), "app.responses.max-model-calls=4 in tests");
    }

    @Test
    void streamTellsEachMcpCall() {
        String label = register(Set.of(), null);
        String s = scripted(call(label, "fail", "{}"), call(label, "add", "{\"a\":2,\"b\":2}"),
                new JsonObject().put("text", "four"));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", model(s)).put("input", "x").put("stream", true)
                        .put("tools", new JsonArray().add(new JsonObject().put("type", "mcp").put("server_label", label)
                                .put("allowed_tools", new JsonArray().add("fail").add("add")))).encode())
                .post("/v1/responses").then().statusCode(200).extract().asString();
        List<String> types = ResponsesTest.ResponsesFixtures.events(body).stream().map(e -> e.getString("type")).toList();
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.mcp_list_tools.in_progress", "response.mcp_list_tools.completed", "response.output_item.done",
                "response.output_item.added", "response.mcp_call_arguments.delta", "response.mcp_call_arguments.delta",
                "response.mcp_call_arguments.done", "response.mcp_call.in_progress", "response.mcp_call.failed",
                "response.output_item.done",
                "response.output_item.added", "response.mcp_call_arguments.delta", "response.mcp_call_arguments.delta",
                "response.mcp_call_arguments.done", "response.mcp_call.in_progress", "response.mcp_call.completed",
                "response.output_item.done"), types.subList(0, 20));
        assertEquals("response.completed", types.get(types.size() - 1));
        JsonObject listed = ResponsesTest.ResponsesFixtures.events(body).get(5).getJsonObject("item");
        assertEquals(2, listed.getJsonArray("tools").size(), "allowed_tools narrows the listing");
    }

    @Test
    void unknownServerLabelIsA400() {
        given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", "any").put("input", "x").put("tools", new JsonArray()
                        .add(new JsonObject().put("type", "mcp").put("server_label", "nobody"))).encode())
                .post("/v1/responses").then().statusCode(400)
                .body("error.code", org.hamcrest.Matchers.equalTo("mcp_server_not_found"))
                .body("error.param", org.hamcrest.Matchers.equalTo("tools[0].server_label"));
    }
}
