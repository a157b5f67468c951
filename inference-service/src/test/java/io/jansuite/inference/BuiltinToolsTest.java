package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.userToken;
import static io.jansuite.inference.ResponsesTest.model;
import static io.jansuite.inference.ResponsesTest.requests;
import static io.jansuite.inference.ResponsesTest.scripted;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
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
 * The built-in server "jan" used from /v1/responses: web_fetch (public addresses only, checked after DNS and on
 * every redirect; size and time caps) and conversation_search (the caller's own conversations), under the
 * admin's switches and filters and the user's web_search_enabled setting.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
@QuarkusTestResource(io.jansuite.testing.FakeAuthService.class)
class BuiltinToolsTest {

    private static BuiltinFixtures fixtures;
    private final String token = userToken();

    @BeforeAll
    static void start() throws Exception {
        fixtures = new BuiltinFixtures();
    }

    @AfterAll
    static void stop() {
        fixtures.close();
    }

    private static JsonObject call(String tool, JsonObject arguments) {
        return new JsonObject().put("tools", new JsonArray().add(new JsonObject().put("id", "call_" + UUID.randomUUID())
                .put("name", "jan__" + tool).put("arguments", arguments.encode())));
    }

    private JsonPath respond(String scripted) {
        JsonObject body = new JsonObject().put("model", model(scripted)).put("input", "Use the tools.")
                .put("tools", new JsonArray().add(new JsonObject().put("type", "mcp").put("server_label", "jan")
                        .put("require_approval", "never")));
        return given().auth().oauth2(token).contentType("application/json").body(body.encode())
                .post("/v1/responses").then().statusCode(200).extract().jsonPath();
    }

    /** One web_fetch of this URL, then an answer; the mcp_call item. */
    private JsonPath fetch(String url) {
        BuiltinFixtures.register(Set.of(), null);
        BuiltinFixtures.settings(token, true);
        String s = scripted(call("web_fetch", new JsonObject().put("url", url)), new JsonObject().put("text", "ok"));
        JsonPath r = respond(s);
        assertEquals("completed", r.getString("status"));
        assertEquals("mcp_call", r.getString("output[1].type"));
        return JsonPath.from(new JsonObject(r.<String, Object>getMap("output[1]")).encode());
    }

    @Test
    void webFetchReturnsThePageAsTextAndTheModelReadsIt() {
        BuiltinFixtures.register(Set.of(), null);
        BuiltinFixtures.settings(token, true);
        String s = scripted(call("web_fetch", new JsonObject().put("url", fixtures.url("/redirect-ok"))),
                new JsonObject().put("text", "It says hello."));
        JsonPath r = respond(s);
        assertEquals(List.of("mcp_list_tools", "mcp_call", "message"), r.getList("output.type"));
        assertEquals(List.of("conversation_search", "web_fetch"), r.getList("output[0].tools.name"));
        assertEquals("jan", r.getString("output[1].server_label"));
        String output = r.getString("output[1].output");
        assertTrue(output.contains("Title: The & page"), output);
        assertTrue(output.contains("Hello") && output.contains("Quarkus <3 tools"), output);
        assertFalse(output.contains("secret") || output.contains("color:red") || output.contains("<p>"), output);
        assertTrue(output.contains("URL: " + fixtures.url("/page")), "the redirect was followed: " + output);
        String seen = requests(s).getJsonObject(1).getJsonArray("messages").getJsonObject(2).getString("content");
        assertEquals(output, seen);
    }

    @Test
    void nonPublicAddressesAreRefusedBeforeAnyConnection() {
        for (String url : List.of("http://127.0.0.2:9/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
                "http://192.168.1.1/", "http://[::1]:9/", "http://[fd00::1]/", "http://[fe80::1]/",
                "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a00:1]/", "http://0.0.0.0:9/", "http://100.64.0.1/")) {
            JsonPath call = fetch(url);
            assertEquals("failed", call.getString("status"), url);
            assertTrue(call.getString("error").startsWith("Refused:"), url + ": " + call.getString("error"));
        }
    }

    @Test
    void everyRedirectIsCheckedAgain() {
        for (String path : List.of("/redirect-private", "/redirect-loopback", "/redirect-mapped")) {
            JsonPath call = fetch(fixtures.url(path));
            assertEquals("failed", call.getString("status"), path);
            assertTrue(call.getString("error").startsWith("Refused:"), path + ": " + call.getString("error"));
        }
    }

    @Test
    void bigPagesAreCutSlowOnesTimeOutAndOnlyTextIsRead() {
        JsonPath huge = fetch(fixtures.url("/huge"));
        assertEquals("completed", huge.getString("status"));
        assertTrue(huge.getString("output").length() < 70_000, "cut at app.tools.web-fetch.max-bytes (64 KiB)");
        assertTrue(huge.getString("output").endsWith("[cut: the page is longer than what was read]"));

        long started = System.nanoTime();
        JsonPath hang = fetch(fixtures.url("/hang"));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 10_000);
        assertEquals("failed", hang.getString("status"));
        assertTrue(hang.getString("error").contains("did not answer"), hang.getString("error"));

        assertTrue(fetch(fixtures.url("/binary")).getString("error").contains("not text"));
        assertTrue(fetch(fixtures.url("/missing")).getString("error").contains("HTTP 404"));
        assertTrue(fetch("ftp://example.com/x").getString("error").contains("Only http and https"));
        assertTrue(fetch("http://user:pw@127.0.0.1/").getString("error").contains("credentials"));
    }

    @Test
    void webFetchIsOffOrRefusedWhenTheUserHasWebSearchOffOrTheAdminDisabledIt() {
        BuiltinFixtures.register(Set.of(), null);
        BuiltinFixtures.settings(token, false);
        String s = scripted(call("web_fetch", new JsonObject().put("url", fixtures.url("/page"))),
                new JsonObject().put("text", "ok"));
        JsonPath r = respond(s);
        assertEquals(List.of("conversation_search"), r.getList("output[0].tools.name"));
        assertEquals("failed", r.getString("output[1].status"));
        assertTrue(r.getString("output[1].error").contains("not available"), r.getString("output[1].error"));
        List<String> offered = requests(s).getJsonObject(0).getJsonArray("tools").stream()
                .map(t -> ((JsonObject) t).getJsonObject("function").getString("name")).toList();
        assertEquals(List.of("jan__conversation_search"), offered);

        BuiltinFixtures.settings(token, true);
        BuiltinFixtures.register(Set.of("web_fetch"), null);
        s = scripted(call("web_fetch", new JsonObject().put("url", fixtures.url("/page"))), new JsonObject().put("text", "ok"));
        r = respond(s);
        assertEquals(List.of("conversation_search"), r.getList("output[0].tools.name"));
        assertTrue(r.getString("output[1].error").contains("not available"));
    }

    @Test
    void settingsThatCannotBeReadLeaveTheGovernedToolOff() {
        BuiltinFixtures.register(Set.of(), null);
        String stranger = userToken(); // no settings known to the fake auth-service: it answers 503
        String s = scripted(new JsonObject().put("text", "ok"));
        JsonObject body = new JsonObject().put("model", model(s)).put("input", "x").put("tools", new JsonArray()
                .add(new JsonObject().put("type", "mcp").put("server_label", "jan")));
        JsonPath r = given().auth().oauth2(stranger).contentType("application/json").body(body.encode())
                .post("/v1/responses").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("conversation_search"), r.getList("output[0].tools.name"));
    }

    @Test
    void contentFilterRefusesAWebFetchAndTheModelSeesWhy() {
        BuiltinFixtures.register(Set.of(), new JsonObject().put("disallowed_keywords", new JsonArray().add("intranet"))
                .put("disallowed_patterns", new JsonArray()));
        BuiltinFixtures.settings(token, true);
        String s = scripted(call("web_fetch", new JsonObject().put("url", fixtures.url("/page?intranet=1"))),
                new JsonObject().put("text", "refused"));
        JsonPath r = respond(s);
        assertTrue(r.getString("output[1].error").contains("refused"), r.getString("output[1].error"));
        assertTrue(requests(s).getJsonObject(1).getJsonArray("messages").getJsonObject(2).getString("content")
                .startsWith("Error: The call to web_fetch was refused"));
    }

    @Test
    void conversationSearchFindsOnlyTheCallersConversations() {
        BuiltinFixtures.register(Set.of(), null);
        String word = "okapi" + UUID.randomUUID().toString().substring(0, 6);
        String mine = Fixtures.unique("conv");
        Fixtures.conversation(mine, token, new JsonArray().add(new JsonObject().put("role", "user")
                .put("content", "We talked about the " + word + " yesterday")));
        Fixtures.conversation(Fixtures.unique("conv"), userToken(), new JsonArray().add(new JsonObject()
                .put("role", "user").put("content", "someone else's " + word)));
        String s = scripted(call("conversation_search", new JsonObject().put("query", word)),
                call("conversation_search", new JsonObject().put("query", "nothing-" + word)),
                new JsonObject().put("text", "found it"));
        JsonPath r = respond(s);
        JsonArray hits = new JsonArray(r.getString("output[1].output"));
        assertEquals(1, hits.size(), hits.encode());
        assertEquals(mine, hits.getJsonObject(0).getString("conversation_id"));
        assertTrue(r.getString("output[2].output").startsWith("No message in your conversations contains"));
        assertEquals("found it", r.getString("output[3].content[0].text"));
    }
}
