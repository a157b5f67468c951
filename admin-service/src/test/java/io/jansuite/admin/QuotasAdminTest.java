package io.jansuite.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quotas and usage reports against the inference-service's HTTP boundary, and the audit entries of quota changes. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeCatalog.class)
class QuotasAdminTest {

    private final String adminId = TestTokens.newUserId();
    private final String admin = TestTokens.admin(adminId);

    private static Map<String, Object> view(String type, String id, Object rpm) {
        Map<String, Object> limits = new HashMap<>();
        limits.put("requests_per_minute", rpm);
        return Map.of("subject_type", type, "subject_id", id, "limits", limits, "updated_at", "2026-12-01T00:00:00Z");
    }

    @Test
    void aQuotaChangeIsForwardedWithItsActorAndItsEntryCopiedIntoTheAuditLog() {
        String user = TestTokens.newUserId();
        Map<String, Object> after = view("user", user, 30);
        Stubs.stub("PUT", "/internal/admin/quotas/users/" + user, 200, (Stubs.change(null, after)));
        // the entry the inference-service commits with the change
        Stubs.quotaAuditEvent(adminId, "user_quota.update", "user_quota", List.of(user), null, after);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("limits", Map.of("requests_per_minute", 30, "daily_budget_usd", 2.5), "reason", "pilot"))
                .put("/v1/admin/quotas/users/" + user).then().statusCode(200)
                .body("data.subject_id", equalTo(user)).body("data.limits.requests_per_minute", equalTo(30));
        JsonPath seen = Stubs.last("PUT", "/internal/admin/quotas/users/" + user);
        assertEquals(adminId, seen.getString("actor"));
        assertEquals("admin-service", seen.getString("caller"));
        assertTrue(seen.getString("body").contains("\"daily_budget_usd\":2.5"), seen.getString("body"));
        assertTrue(seen.getString("body").contains("\"reason\":\"pilot\""), seen.getString("body"));
        // copied before the answer: the admin sees it at once
        given().auth().oauth2(admin).queryParam("action", "user_quota.update").get("/v1/admin/audit-log").then()
                .statusCode(200).body("data.target_ids.flatten()", hasItem(user))
                .body("data.find { it.target_ids.contains('" + user + "') }.actor_user_id", equalTo(adminId));
    }

    @Test
    void listsDeletesAndUsageArePassedThrough() {
        Stubs.stub("GET", "/internal/admin/quotas/roles", 200, Stubs.data(List.of(view("role", "guest", 5))));
        given().auth().oauth2(admin).get("/v1/admin/quotas/roles").then().statusCode(200)
                .body("data[0].subject_id", equalTo("guest")).body("data[0].limits.requests_per_minute", equalTo(5));
        Stubs.stub("DELETE", "/internal/admin/quotas/keys/key_abc", 200,
                (Stubs.change(view("key", "key_abc", 1), null)));
        given().auth().oauth2(admin).delete("/v1/admin/quotas/keys/key_abc?reason=over").then().statusCode(204);
        assertTrue(Stubs.last("DELETE", "/internal/admin/quotas/keys/key_abc").getString("query").contains("reason=over"));
        Stubs.stub("DELETE", "/internal/admin/quotas/keys/key_none", 404, Stubs.error("not_found_error",
                "quota_override_not_found", "No quota override for key_none.", null, null));
        given().auth().oauth2(admin).delete("/v1/admin/quotas/keys/key_none").then().statusCode(404)
                .body("error.code", equalTo("quota_override_not_found"));

        Map<String, Object> report = new HashMap<>();
        report.put("from", "2026-12-01");
        report.put("to", "2026-12-01");
        report.put("group_by", "model");
        report.put("filters", Map.of("user_id", "usr_x"));
        report.put("totals", Map.of("requests", 3, "spend_usd", 0.000117));
        report.put("groups", List.of(Map.of("model", "m", "requests", 3)));
        Stubs.stub("GET", "/internal/usage/report", 200, Stubs.data(report));
        given().auth().oauth2(admin).queryParam("user_id", "usr_x").queryParam("group_by", "model")
                .queryParam("from", "2026-12-01").get("/v1/admin/usage").then().statusCode(200)
                .body("data.totals.requests", equalTo(3))
                .body("data.totals.spend_usd", equalTo(0.000117f))
                .body("data.groups[0].model", equalTo("m"));
        String query = Stubs.last("GET", "/internal/usage/report").getString("query");
        assertTrue(query.contains("user_id=usr_x") && query.contains("group_by=model") && query.contains("from=2026-12-01"),
                query);
    }

    @Test
    void badInputIs400BeforeTheInferenceServiceIsAsked() {
        String user = TestTokens.newUserId();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("limits", Map.of("requests_per_minute", -1))).put("/v1/admin/quotas/users/" + user)
                .then().statusCode(400).body("error.param", equalTo("limits.requests_per_minute"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("limits", Map.of("monthly_budget_usd", 0.1234567))).put("/v1/admin/quotas/users/" + user)
                .then().statusCode(400).body("error.param", equalTo("limits.monthly_budget_usd"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "no limits"))
                .put("/v1/admin/quotas/users/" + user).then().statusCode(400).body("error.param", equalTo("limits"));
        assertNull(Stubs.last("PUT", "/internal/admin/quotas/users/" + user).getString("caller"), "nothing was forwarded");
    }

    @Test
    void onlyAdminsMayUseThem() {
        String user = TestTokens.user(TestTokens.newUserId());
        given().auth().oauth2(user).get("/v1/admin/quotas/roles").then().statusCode(403);
        given().auth().oauth2(user).get("/v1/admin/usage").then().statusCode(403);
        given().get("/v1/admin/usage").then().statusCode(401);
    }
}
