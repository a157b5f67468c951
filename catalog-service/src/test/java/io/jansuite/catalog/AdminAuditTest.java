package io.jansuite.catalog;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every admin change writes its audit entry in the same transaction (the outbox the admin-service reads as a
 * feed): applied and audited, or not applied at all.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class AdminAuditTest {

    private final String actor = TestTokens.newUserId();

    /** This admin's entries in the feed, oldest first. */
    private List<Map<String, Object>> entries() {
        List<Map<String, Object>> mine = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            JsonPath page = Internal.admin().queryParam("after", after).queryParam("limit", 100)
                    .get("/internal/admin/audit-events").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> data = page.getList("data");
            data.stream().filter(e -> actor.equals(e.get("actor_user_id"))).forEach(mine::add);
            if (!page.getBoolean("has_more")) {
                return mine;
            }
            after = ((Number) data.get(data.size() - 1).get("id")).longValue();
        }
    }

    private JsonPath last(String action) {
        List<Map<String, Object>> of = entries().stream().filter(e -> action.equals(e.get("action"))).toList();
        assertFalse(of.isEmpty(), "no " + action + " entry by " + actor);
        return new JsonPath(new io.vertx.core.json.JsonObject(of.get(of.size() - 1)).encode());
    }

    @Test
    void providerChangesAreAuditedWithActorReasonAndNeverTheKey() {
        String key = "sk-secret-" + UUID.randomUUID();
        String id = Internal.adminAs(actor + " key_1").header("X-Request-Id", "req-audit-1")
                .body(Map.of("name", Internal.unique("audited"), "type", "simulator", "api_key", key, "reason", "go live"))
                .post("/internal/admin/providers").then().statusCode(201).extract().path("data.after.id");
        JsonPath created = last("provider.create");
        assertEquals(List.of(id), created.getList("target_ids"));
        assertEquals("key_1", created.getString("actor_key_id"));
        assertEquals("go live", created.getString("reason"));
        assertEquals("req-audit-1", created.getString("request_id"));
        assertNull(created.get("before"));
        assertEquals(true, created.getBoolean("after.has_api_key"));

        Internal.adminAs(actor).body(Map.of("api_key", "sk-other-" + UUID.randomUUID()))
                .patch("/internal/admin/providers/" + id).then().statusCode(200);
        assertEquals(true, last("provider.update_key").getBoolean("before.has_api_key"));

        Internal.adminAs(actor).queryParam("reason", "retired").delete("/internal/admin/providers/" + id).then().statusCode(200);
        JsonPath deleted = last("provider.delete");
        assertEquals("retired", deleted.getString("reason"));
        assertEquals(id, deleted.getString("before.id"));
        assertNull(deleted.get("after"));

        String feed = Internal.admin().queryParam("limit", 100).get("/internal/admin/audit-events").asString();
        assertFalse(feed.contains("sk-secret") || feed.contains("sk-other"), "a key reached the audit feed");
    }

    @Test
    void mcpServerChangesAreAuditedInTheSameTransactionWithoutHeaderValues() {
        String secret = "Bearer mcp-audit-secret-" + java.util.UUID.randomUUID();
        String name = "audit-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String id = Internal.adminAs(actor).body(Map.of("name", name, "url", "https://mcp.example.test/mcp",
                "headers", Map.of("Authorization", secret), "reason", "new tools"))
                .post("/internal/admin/mcp-servers").then().statusCode(201).extract().path("data.after.id");
        JsonPath created = last("mcp_server.create");
        assertEquals(List.of(id), created.getList("target_ids"));
        assertEquals("new tools", created.getString("reason"));
        Internal.adminAs(actor).body(Map.of("enabled", false)).patch("/internal/admin/mcp-servers/" + id).then()
                .statusCode(200);
        JsonPath patched = last("mcp_server.update");
        assertEquals(true, patched.getBoolean("before.enabled"));
        assertEquals(false, patched.getBoolean("after.enabled"));
        Internal.adminAs(actor).queryParam("reason", "gone").delete("/internal/admin/mcp-servers/" + id).then()
                .statusCode(200);
        assertEquals("gone", last("mcp_server.delete").getString("reason"));
        String feed = Internal.admin().queryParam("limit", 100).get("/internal/admin/audit-events").asString();
        assertFalse(feed.contains(secret), "header values never reach the audit feed");
    }

    @Test
    void bulkToggleIsOneEntryListingWhatItTouched() {
        String model = Internal.unique("bulk-model");
        Internal.simulatorWith(model);
        Internal.adminAs(actor).body(Map.of("model_ids", List.of(model, "no-such-model"), "enabled", false,
                "reason", "Production deployment")).post("/internal/admin/provider-models/bulk-toggle").then()
                .statusCode(200).body("data.count", equalTo(1));
        JsonPath entry = last("provider_model.bulk_toggle");
        String pmdl = entry.getString("target_ids[0]");
        assertTrue(pmdl.startsWith("pmdl_"), pmdl);
        assertEquals(1, entry.getList("target_ids").size());
        assertEquals(true, entry.getBoolean("before." + pmdl + ".enabled"));
        assertEquals(false, entry.getBoolean("after." + pmdl + ".enabled"));

        Internal.adminAs(actor).body(Map.of("model_ids", List.of("no-such-model"), "enabled", false))
                .post("/internal/admin/provider-models/bulk-toggle").then().statusCode(200).body("data.count", equalTo(0));
        assertEquals(1, entries().stream().filter(e -> "provider_model.bulk_toggle".equals(e.get("action"))).count());
    }

    @Test
    void aChangeWithoutAnActorIs400AndChangesNothing() {
        String name = Internal.unique("anonymous");
        Internal.as("admin-service").body(Map.of("name", name, "type", "simulator"))
                .post("/internal/admin/providers").then().statusCode(400).body("error.param", equalTo("X-Admin-Actor"));
        Internal.admin().get("/internal/admin/providers").then().statusCode(200).body("data.name", not(hasItem(name)));
    }

    @Test
    void whenTheAuditEntryCannotBeWrittenTheChangeIsNotApplied() throws Exception {
        String name = Internal.unique("unaudited");
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION catalog.refuse_audit() RETURNS trigger AS $$ BEGIN "
                    + "RAISE EXCEPTION 'audit outbox refused'; END; $$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON catalog.admin_audit_outbox "
                    + "FOR EACH ROW EXECUTE FUNCTION catalog.refuse_audit()");
            try {
                Internal.adminAs(actor).body(Map.of("name", name, "type", "simulator"))
                        .post("/internal/admin/providers").then().statusCode(500);
                Internal.adminAs(actor).body(Map.of("enabled", false)).patch("/internal/admin/mcp-tools/conversation_search")
                        .then().statusCode(500);
            } finally {
                s.execute("DROP TRIGGER refuse_audit ON catalog.admin_audit_outbox");
            }
        }
        Internal.admin().get("/internal/admin/providers").then().statusCode(200).body("data.name", not(hasItem(name)));
        Internal.admin().get("/internal/admin/mcp-tools").then().statusCode(200)
                .body("data.find { it.id == 'conversation_search' }.enabled", equalTo(true));
        assertTrue(entries().isEmpty(), "an entry of a change that was not applied");
    }

    private static String jdbcUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }
}
