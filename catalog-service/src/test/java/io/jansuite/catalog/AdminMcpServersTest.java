package io.jansuite.catalog;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.McpTestServer;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MCP servers registered by admins and synced from a real MCP server (the official Java SDK, streamable HTTP). */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class AdminMcpServersTest {

    private static final String TOKEN = "mcp-secret-" + UUID.randomUUID();
    private static McpTestServer server;

    @Inject
    Pool pool;

    @BeforeAll
    static void startServer() throws Exception {
        server = new McpTestServer(TOKEN);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static String name() {
        return "tools-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonPath register(String name, String token) {
        return Internal.admin().body(Map.of("name", name, "url", server.url(), "headers",
                Map.of("Authorization", "Bearer " + token))).post("/internal/admin/mcp-servers").then().statusCode(201)
                .extract().jsonPath();
    }

    @Test
    void headersAreEncryptedAtRestAndNeverReturned() {
        String name = name();
        JsonPath created = register(name, TOKEN);
        String id = created.getString("data.after.id");
        assertTrue(id.startsWith("mcps_"));
        assertEquals(List.of("Authorization"), created.getList("data.after.header_names"));
        assertFalse(created.prettify().contains(TOKEN), "the secret is not in the answer");
        String stored = pool.preparedQuery("SELECT headers_enc FROM catalog.mcp_servers WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getString(0);
        assertTrue(stored.startsWith("v1:") && !stored.contains(TOKEN), "stored encrypted");
        String listed = Internal.admin().get("/internal/admin/mcp-servers").then().statusCode(200).extract().asString();
        assertTrue(listed.contains(name) && !listed.contains(TOKEN));
        Internal.admin().get("/internal/admin/mcp-servers/" + id).then().statusCode(200).body("data.name", equalTo(name));
        Internal.admin().body(Map.of("name", name, "url", server.url())).post("/internal/admin/mcp-servers").then()
                .statusCode(409).body("error.code", equalTo("mcp_server_exists"));
    }

    @Test
    void syncImportsTheServersToolsKeepingSwitchesAndTheyGoWithTheServer() {
        String name = name();
        String id = register(name, TOKEN).getString("data.after.id");
        JsonPath synced = Internal.admin().post("/internal/admin/mcp-servers/" + id + "/sync").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(5, synced.getInt("data.added"));
        assertEquals(List.of("add", "echo", "fail", "hang", "huge"), synced.getList("data.tools.name"));
        assertEquals("number", synced.getString("data.tools[0].input_schema.properties.a.type"));
        String addId = synced.getString("data.tools[0].id");
        Internal.admin().get("/internal/admin/mcp-tools").then().body("data.id", hasItem(addId))
                .body("data.find { it.id == '" + addId + "' }.server_id", equalTo(id));

        Internal.admin().body(Map.of("enabled", false)).patch("/internal/admin/mcp-tools/" + addId).then().statusCode(200);
        JsonPath again = Internal.admin().post("/internal/admin/mcp-servers/" + id + "/sync").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(0, again.getInt("data.added"));
        assertEquals(false, again.getBoolean("data.tools[0].enabled"), "a known tool keeps its switch");

        JsonPath forCalls = Internal.as("inference-service").get("/internal/mcp-servers/" + name).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("Bearer " + TOKEN, forCalls.getString("data.headers.Authorization"));
        assertEquals(server.url(), forCalls.getString("data.url"));

        Internal.admin().body(Map.of("enabled", false)).patch("/internal/admin/mcp-servers/" + id).then().statusCode(200)
                .body("data.before.enabled", equalTo(true)).body("data.after.enabled", equalTo(false));
        Internal.as("inference-service").get("/internal/mcp-servers/" + name).then().statusCode(404);

        Internal.admin().delete("/internal/admin/mcp-servers/" + id).then().statusCode(200)
                .body("data.before.id", equalTo(id));
        Internal.admin().get("/internal/admin/mcp-tools").then().body("data.id", not(hasItem(addId)));
        Internal.admin().get("/internal/admin/mcp-servers/" + id).then().statusCode(404);
    }

    @Test
    void unreachableOrUnauthorisedServerIsA502AndBadInputA400() {
        String id = register(name(), "wrong-token").getString("data.after.id");
        Internal.admin().post("/internal/admin/mcp-servers/" + id + "/sync").then().statusCode(502)
                .body("error.code", equalTo("mcp_server_unreachable"));
        Internal.admin().body(Map.of("name", "bad name!", "url", server.url())).post("/internal/admin/mcp-servers")
                .then().statusCode(400).body("error.param", equalTo("name"));
        Internal.admin().body(Map.of("name", name(), "url", "ftp://x")).post("/internal/admin/mcp-servers")
                .then().statusCode(400).body("error.param", equalTo("url"));
        Internal.admin().post("/internal/admin/mcp-servers/mcps_missing/sync").then().statusCode(404);
    }

    @Test
    void builtinToolsAreAServerOfTheirOwnThatNoAdminServerCanShadow() {
        JsonPath builtin = Internal.as("inference-service").get("/internal/mcp-servers/jan").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("builtin:jan", builtin.getString("data.url"));
        assertEquals(List.of("conversation_search", "web_fetch"), builtin.getList("data.tools.name"));
        Internal.admin().body(Map.of("name", "jan", "url", server.url())).post("/internal/admin/mcp-servers")
                .then().statusCode(409).body("error.code", equalTo("mcp_server_exists"));

        Internal.admin().body(Map.of("enabled", false)).patch("/internal/admin/mcp-tools/web_fetch").then().statusCode(200);
        try {
            Internal.as("inference-service").get("/internal/mcp-servers/jan").then().statusCode(200)
                    .body("data.tools.find { it.name == 'web_fetch' }.enabled", equalTo(false));
        } finally {
            Internal.admin().body(Map.of("enabled", true)).patch("/internal/admin/mcp-tools/web_fetch").then()
                    .statusCode(200);
        }
    }

    @Test
    void theGatewayListHasTheBuiltinsThenEveryEnabledServerWithItsOwnTools() {
        String on = name();
        String off = name();
        String onId = register(on, TOKEN).getString("data.after.id");
        String offId = register(off, TOKEN).getString("data.after.id");
        Internal.admin().post("/internal/admin/mcp-servers/" + onId + "/sync").then().statusCode(200);
        Internal.admin().post("/internal/admin/mcp-servers/" + offId + "/sync").then().statusCode(200);
        Internal.admin().body(Map.of("enabled", false)).patch("/internal/admin/mcp-servers/" + offId).then().statusCode(200);
        JsonPath all = Internal.as("inference-service").get("/internal/mcp-servers").then().statusCode(200).extract()
                .jsonPath();
        assertEquals("jan", all.getString("data[0].name"));
        List<String> names = all.getList("data.name");
        assertTrue(names.contains(on) && !names.contains(off), names.toString());
        assertEquals(List.of("add", "echo", "fail", "hang", "huge"),
                all.getList("data.find { it.name == '" + on + "' }.tools.name"));
        assertEquals("Bearer " + TOKEN, all.getString("data.find { it.name == '" + on + "' }.headers.Authorization"));
        Internal.admin().get("/internal/mcp-servers").then().statusCode(403);
    }
}
