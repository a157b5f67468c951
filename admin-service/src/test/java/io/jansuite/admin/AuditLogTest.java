package io.jansuite.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The audit log: newest first, filtered by action, append-only in the database itself, and copied from the
 * catalog-service's audit feed without losing an entry when the copy fails.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeCatalog.class)
class AuditLogTest {

    private final String adminId = TestTokens.newUserId();
    private final String admin = TestTokens.admin(adminId);

    /** The newest entry of this action by this admin. */
    static JsonPath latest(String token, String actor, String action) {
        JsonPath page = given().auth().oauth2(token).queryParam("action", action).queryParam("limit", 100)
                .get("/v1/admin/audit-log").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = page.getList("data");
        for (int i = 0; i < entries.size(); i++) {
            if (actor.equals(entries.get(i).get("actor_user_id"))) {
                return new JsonPath(page.prettify()).setRootPath("data[" + i + "]");
            }
        }
        throw new AssertionError("no " + action + " entry by " + actor);
    }

    private void toggleTool(String tool, boolean enabled, String reason) {
        Map<String, Object> after = Map.of("id", tool, "name", tool, "enabled", enabled, "is_active", enabled,
                "content_filter", Map.of("disallowed_keywords", List.of(), "disallowed_patterns", List.of()));
        Map<String, Object> before = Map.of("id", tool, "name", tool, "enabled", !enabled, "is_active", !enabled,
                "content_filter", Map.of("disallowed_keywords", List.of(), "disallowed_patterns", List.of()));
        Stubs.stub("PATCH", "/internal/admin/mcp-tools/" + tool, 200, Stubs.change(before, after));
        // What the catalog-service commits with the change; the admin-service copies it into its log.
        Stubs.auditEvent(adminId, "mcp_tool.update", "mcp_tool", List.of(tool), reason, before, after, null);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("enabled", enabled, "reason", reason))
                .patch("/v1/admin/mcp-tools/" + tool).then().statusCode(200).body("data.enabled", equalTo(enabled));
    }

    @Test
    void entriesAreNewestFirstAndFilteredByAction() {
        toggleTool("scrape", false, "first");
        toggleTool("scrape", true, "second");
        JsonPath page = given().auth().oauth2(admin).queryParam("action", "mcp_tool.update").queryParam("limit", 100)
                .get("/v1/admin/audit-log").then().statusCode(200)
                .body("data.action", everyItem(equalTo("mcp_tool.update")))
                .extract().jsonPath();
        List<String> mine = page.<Map<String, Object>>getList("data").stream()
                .filter(e -> adminId.equals(e.get("actor_user_id"))).map(e -> (String) e.get("reason")).toList();
        assertEquals(List.of("second", "first"), mine);
        given().auth().oauth2(admin).queryParam("limit", 1).get("/v1/admin/audit-log").then().statusCode(200)
                .body("limit", equalTo(1)).body("has_more", equalTo(true));
    }

    @Test
    void entryRecordsActorTargetsBeforeAndAfter() {
        toggleTool("google_search", false, "maintenance");
        JsonPath entry = latest(admin, adminId, "mcp_tool.update");
        assertEquals("mcp_tool", entry.getString("target_type"));
        assertEquals(List.of("google_search"), entry.getList("target_ids"));
        assertEquals(true, entry.getBoolean("before.enabled"));
        assertEquals(false, entry.getBoolean("after.enabled"));
        assertTrue(entry.getString("created_at").endsWith("Z"), entry.getString("created_at"));
    }

    @Test
    void auditLogRejectsUpdateAndDeleteInTheDatabase() throws Exception {
        toggleTool("file_search", false, "to be kept");
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE admin.audit_log SET reason = 'rewritten'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM admin.audit_log"));
            assertThrows(SQLException.class, () -> s.executeUpdate("TRUNCATE admin.audit_log"));
        }
        assertEquals("to be kept", latest(admin, adminId, "mcp_tool.update").getString("reason"));
    }

    @Test
    void thereIsNoRouteToChangeOrDeleteEntries() {
        given().auth().oauth2(admin).delete("/v1/admin/audit-log").then().statusCode(405);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").patch("/v1/admin/audit-log").then().statusCode(405);
    }

    // The catalog-service commits each change with its audit entry; copying the entry into the log may fail (the
    // admin database down, the feed unreachable) without losing it: it is copied, once, when it can be.

    private long entriesWithReason(String reason) {
        return given().auth().oauth2(admin).queryParam("action", "mcp_tool.update").queryParam("limit", 100)
                .get("/v1/admin/audit-log").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("data").stream().filter(e -> reason.equals(e.get("reason"))).count();
    }

    private long awaitEntriesWithReason(String reason) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        long n;
        while ((n = entriesWithReason(reason)) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        return n;
    }

    @Test
    void anEntryTheLogCouldNotTakeIsCopiedOnceItCan() throws Exception {
        String reason = "while the log refused writes " + UUID.randomUUID();
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION admin.refuse_insert() RETURNS trigger AS $$ BEGIN "
                    + "RAISE EXCEPTION 'audit log unwritable'; END; $$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER refuse_insert BEFORE INSERT ON admin.audit_log "
                    + "FOR EACH ROW EXECUTE FUNCTION admin.refuse_insert()");
            try {
                // The change happened (and was audited) in the catalog: the admin is told so, not given a 500.
                toggleTool("scrape", false, reason);
                Thread.sleep(1500);
                assertEquals(0, entriesWithReason(reason));
            } finally {
                s.execute("DROP TRIGGER refuse_insert ON admin.audit_log");
            }
        }
        assertEquals(1, awaitEntriesWithReason(reason));
        // Read again after later changes and polls: still once.
        toggleTool("scrape", true, "later " + UUID.randomUUID());
        Thread.sleep(1500);
        assertEquals(1, entriesWithReason(reason));
    }

    @Test
    void anEntryIsCopiedWhenTheFeedAnswersAgain() throws Exception {
        String reason = "while the feed was down " + UUID.randomUUID();
        Stubs.auditFeed(503);
        try {
            toggleTool("scrape", false, reason);
            assertEquals(0, entriesWithReason(reason));
        } finally {
            Stubs.auditFeed(200);
        }
        assertEquals(1, awaitEntriesWithReason(reason));
    }
}
