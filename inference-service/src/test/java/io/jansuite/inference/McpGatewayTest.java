package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.neighbours;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.McpTestServer;
import io.jansuite.testing.PostgresResource;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/mcp} driven by the official MCP Java SDK client (streamable HTTP): the built-in tools and a
 * registered server's (a real SDK server behind a bearer token), under the same switches, filters and settings
 * as responses; and what a client gets wrong.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
@QuarkusTestResource(io.jansuite.testing.FakeAuthService.class)
class McpGatewayTest {

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

    /** Registers the test server under a new label (echo filtered for "password", hang disabled). */
    private static String register() {
        String label = unique("gw").replace('-', '_');
        JsonArray tools = new JsonArray();
        for (String name : List.of("add", "echo", "hang")) {
            tools.add(new JsonObject().put("id", "mcpt_" + name).put("name", name).put("description", "the " + name)
                    .put("enabled", !name.equals("hang"))
                    .put("input_schema", new JsonObject().put("type", "object").put("properties", new JsonObject()))
                    .put("content_filter", new JsonObject().put("disallowed_keywords",
                            new JsonArray(name.equals("echo") ? List.of("password") : List.of()))
                            .put("disallowed_patterns", new JsonArray())));
        }
        JsonObject entry = new JsonObject().put("id", "mcps_" + label).put("name", label).put("url", server.url())
                .put("headers", new JsonObject().put("Authorization", "Bearer " + TOKEN)).put("tools", tools);
        given().body(entry.encode()).post(neighbours() + "/control/mcp-servers/" + label).then().statusCode(200);
        return label;
    }

    private static McpSyncClient client(String credential) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + RestAssured.port).endpoint("/v1/mcp").requestBuilder(request).build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20))
                .clientInfo(new McpSchema.Implementation("gateway-test", "1.0.0")).build();
    }

    @Test
    void sdkClientListsAndCallsTheToolsOfEveryServerUnderTheRules() {
        BuiltinFixtures.register(Set.of(), null);
        BuiltinFixtures.settings(token, false);
        String label = register();
        int before = server.calls("add");
        try (McpSyncClient client = client(token)) {
            McpSchema.InitializeResult init = client.initialize();
            assertEquals("jan-suite-mcp-gateway", init.serverInfo().name());
            assertTrue(init.capabilities().tools() != null);
            client.ping();

            List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertTrue(names.containsAll(List.of("jan__conversation_search", label + "__add", label + "__echo")), names.toString());
            assertFalse(names.contains(label + "__hang"), "a disabled tool is not listed");
            assertFalse(names.contains("jan__web_fetch"), "web_search_enabled is off for this user");

            McpSchema.CallToolResult added = client.callTool(new McpSchema.CallToolRequest(label + "__add",
                    Map.of("a", 2, "b", 5)));
            assertFalse(Boolean.TRUE.equals(added.isError()));
            assertEquals("7.0", ((McpSchema.TextContent) added.content().get(0)).text());
            assertEquals(1, server.calls("add") - before);

            int echoes = server.calls("echo");
            McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest(label + "__echo",
                    Map.of("text", "my Password is hunter2")));
            assertTrue(refused.isError());
            assertTrue(((McpSchema.TextContent) refused.content().get(0)).text().contains("refused"));
            assertEquals(echoes, server.calls("echo"), "a filtered call is never made");

            for (String name : List.of(label + "__hang", "jan__web_fetch", "nobody__nothing")) {
                McpError unknown = assertThrows(McpError.class,
                        () -> client.callTool(new McpSchema.CallToolRequest(name, Map.of())), name);
                assertEquals(-32602, unknown.getJsonRpcError().code(), name);
            }
        }
    }

    @Test
    void builtinToolsRunThroughTheGatewayWithTheCallersSettings() {
        BuiltinFixtures.register(Set.of(), null);
        BuiltinFixtures.settings(token, true);
        String word = "tapir" + UUID.randomUUID().toString().substring(0, 6);
        Fixtures.conversation(unique("conv"), token, new JsonArray().add(new JsonObject().put("role", "user")
                .put("content", "about the " + word)));
        try (McpSyncClient client = client(token)) {
            client.initialize();
            assertTrue(client.listTools().tools().stream().anyMatch(t -> t.name().equals("jan__web_fetch")));
            McpSchema.CallToolResult found = client.callTool(new McpSchema.CallToolRequest("jan__conversation_search",
                    Map.of("query", word)));
            assertTrue(((McpSchema.TextContent) found.content().get(0)).text().contains(word));
            McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("jan__web_fetch",
                    Map.of("url", "http://169.254.169.254/")));
            assertTrue(refused.isError());
            assertTrue(((McpSchema.TextContent) refused.content().get(0)).text().startsWith("Refused:"));
        }
    }

    @Test
    void anApiKeyWorksAsWellAsAToken() {
        BuiltinFixtures.register(Set.of(), null);
        String userId = io.jansuite.testing.TestTokens.newUserId();
        String key = io.jansuite.common.auth.ApiKeyFormat.generate();
        io.jansuite.testing.FakeAuthService.register(key, "key_" + userId, userId);
        String word = "quagga" + UUID.randomUUID().toString().substring(0, 6);
        Fixtures.conversation(unique("conv"), key, new JsonArray().add(new JsonObject().put("role", "user")
                .put("content", "the " + word)));
        try (McpSyncClient client = client(key)) {
            client.initialize();
            McpSchema.CallToolResult found = client.callTool(new McpSchema.CallToolRequest("jan__conversation_search",
                    Map.of("query", word)));
            assertFalse(Boolean.TRUE.equals(found.isError()));
            assertTrue(((McpSchema.TextContent) found.content().get(0)).text().contains(word),
                    "the key's owner's conversations, searched with the key");
        }
    }

    @Test
    void withoutACredentialIs401AndTheSdkCannotConnect() {
        given().contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .post("/v1/mcp").then().statusCode(401).body("error.type", equalTo("authentication_error"));
        given().auth().oauth2("not-a-token").contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post("/v1/mcp").then().statusCode(401);
        try (McpSyncClient client = client(null)) {
            assertThrows(RuntimeException.class, client::initialize);
        }
    }

    @Test
    void wireDetailsNotificationsUnknownMethodsAndNoStream() {
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").post("/v1/mcp").then()
                .statusCode(202);
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"resources/list\"}").post("/v1/mcp").then()
                .statusCode(200).body("id", equalTo("a")).body("error.code", equalTo(-32601));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\"}}")
                .post("/v1/mcp").then().statusCode(200).body("id", equalTo(7))
                .body("result.protocolVersion", equalTo("2025-03-26"));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":[1]}}")
                .post("/v1/mcp").then().statusCode(200).body("error.code", equalTo(-32602));
        given().auth().oauth2(token).contentType("application/json").body("{\"id\":1,\"method\":\"ping\"}")
                .post("/v1/mcp").then().statusCode(400).body("error.code", equalTo(-32600));
        given().auth().oauth2(token).contentType("application/json").body("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]")
                .post("/v1/mcp").then().statusCode(400).body("error.code", equalTo("jsonrpc_batch_unsupported"));
        given().auth().oauth2(token).accept("text/event-stream").get("/v1/mcp").then().statusCode(405);
        given().auth().oauth2(token).delete("/v1/mcp").then().statusCode(405);
    }
}
