package io.jansuite.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** MCP servers through the admin API: header values go to the catalog-service and nowhere else; every change audited. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeCatalog.class)
class McpServersAdminTest {

    private final String adminId = TestTokens.newUserId();
    private final String admin = TestTokens.admin(adminId);

    private static Map<String, Object> server(String id, boolean enabled) {
        return Map.of("id", id, "name", "tools", "url", "https://mcp.example/mcp", "header_names", List.of("Authorization"),
                "enabled", enabled, "created_at", "2026-01-01T00:00:00Z", "updated_at", "2026-01-01T00:00:00Z");
    }

    @Test
    void createForwardsTheHeadersButNeverReturnsOrAuditsThem() {
        String secret = "Bearer mcp-secret-" + UUID.randomUUID();
        Stubs.stub("POST", "/internal/admin/mcp-servers", 201, Stubs.change(null, server("mcps_1", true)));
        String body = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "tools", "url", "https://mcp.example/mcp", "headers", Map.of("Authorization", secret),
                        "reason", "new tools"))
                .post("/v1/admin/mcp-servers").then().statusCode(201).body("data.id", equalTo("mcps_1"))
                .body("data.header_names[0]", equalTo("Authorization")).extract().asString();
        assertFalse(body.contains(secret));
        assertTrue(Stubs.last("POST", "/internal/admin/mcp-servers").getString("body").contains(secret));
        // the catalog audits the change in its own transaction, for the admin named here
        assertEquals(adminId, Stubs.last("POST", "/internal/admin/mcp-servers").getString("actor"));
        assertTrue(Stubs.last("POST", "/internal/admin/mcp-servers").getString("body").contains("new tools"));
    }

    @Test
    void patchDeleteAndSyncNameTheAdminAndTheReason() {
        Stubs.stub("PATCH", "/internal/admin/mcp-servers/mcps_2", 200,
                Stubs.change(server("mcps_2", true), server("mcps_2", false)));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .patch("/v1/admin/mcp-servers/mcps_2").then().statusCode(200).body("data.enabled", equalTo(false));
        assertEquals(adminId, Stubs.last("PATCH", "/internal/admin/mcp-servers/mcps_2").getString("actor"));

        Stubs.stub("POST", "/internal/admin/mcp-servers/mcps_2/sync", 200, Stubs.data(Map.of("server_id", "mcps_2",
                "added", 2, "removed", 1, "tools", List.of(Map.of("id", "mcpt_a", "name", "add"),
                        Map.of("id", "mcpt_e", "name", "echo")))));
        given().auth().oauth2(admin).post("/v1/admin/mcp-servers/mcps_2/sync").then().statusCode(200)
                .body("data.added", equalTo(2));
        assertEquals(adminId, Stubs.last("POST", "/internal/admin/mcp-servers/mcps_2/sync").getString("actor"));

        Stubs.stub("DELETE", "/internal/admin/mcp-servers/mcps_2", 200, Stubs.change(server("mcps_2", false), null));
        given().auth().oauth2(admin).queryParam("reason", "gone").delete("/v1/admin/mcp-servers/mcps_2").then()
                .statusCode(204);
        JsonPath deleted = Stubs.last("DELETE", "/internal/admin/mcp-servers/mcps_2");
        assertEquals(adminId, deleted.getString("actor"));
        assertTrue(deleted.getString("query").contains("reason=gone"));
    }

    @Test
    void badInputIs400BeforeTheCatalogAndNonAdminsAre403() {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "bad name", "url", "https://x"))
                .post("/v1/admin/mcp-servers").then().statusCode(400).body("error.param", equalTo("name"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "ok", "url", "file:///etc"))
                .post("/v1/admin/mcp-servers").then().statusCode(400).body("error.param", equalTo("url"));
        given().auth().oauth2(TestTokens.user(TestTokens.newUserId())).get("/v1/admin/mcp-servers").then().statusCode(403);
        Stubs.stub("GET", "/internal/admin/mcp-servers/mcps_x", 404, Stubs.error("not_found_error", "mcp_server_not_found",
                "No MCP server.", null, null));
        given().auth().oauth2(admin).get("/v1/admin/mcp-servers/mcps_x").then().statusCode(404)
                .body("error.code", equalTo("mcp_server_not_found"));
    }
}
