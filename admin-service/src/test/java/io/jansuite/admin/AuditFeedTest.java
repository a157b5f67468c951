package io.jansuite.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The catalog-service commits each change with its audit entry; copying the entry into the audit log may fail
 * (the admin database down, the feed unreachable) without losing it: it is copied, once, when it can be.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeCatalog.class)
class AuditFeedTest {

    private final String adminId = TestTokens.newUserId();
    private final String admin = TestTokens.admin(adminId);

    /** A tool switched through the admin API; the catalog's answer and its audit entry as the catalog writes them. */
    private void switchTool(String reason) {
        Map<String, Object> tool = Map.of("id", "scrape", "name", "scrape", "enabled", false, "is_active", false);
        Stubs.stub("PATCH", "/internal/admin/mcp-tools/scrape", 200, Stubs.change(tool, tool));
        Stubs.auditEvent(adminId, "mcp_tool.update", "mcp_tool", List.of("scrape"), reason, tool, tool, null);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("enabled", false, "reason", reason))
                .patch("/v1/admin/mcp-tools/scrape").then().statusCode(200).body("data.id", equalTo("scrape"));
    }

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
                switchTool(reason);
                Thread.sleep(1500);
                assertEquals(0, entriesWithReason(reason));
            } finally {
                s.execute("DROP TRIGGER refuse_insert ON admin.audit_log");
            }
        }
        assertEquals(1, awaitEntriesWithReason(reason));
        // Read again after later changes and polls: still once.
        switchTool("later " + UUID.randomUUID());
        Thread.sleep(1500);
        assertEquals(1, entriesWithReason(reason));
    }

    @Test
    void anEntryIsCopiedWhenTheFeedAnswersAgain() throws Exception {
        String reason = "while the feed was down " + UUID.randomUUID();
        Stubs.auditFeed(503);
        try {
            switchTool(reason);
            assertEquals(0, entriesWithReason(reason));
        } finally {
            Stubs.auditFeed(200);
        }
        assertEquals(1, awaitEntriesWithReason(reason));
    }
}
