package io.jansuite.inference;

import static io.jansuite.inference.QuotaFixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.InternalCalls;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The storage behind the quota admin API: role defaults, user and key overrides, each change audited. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class QuotaAdminTest {

    private static JsonPath events() {
        return admin().queryParam("limit", 100).get("/internal/admin/quota-audit-events").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void everyChangeIsAuditedWithBeforeAndAfter() {
        String user = TestTokens.newUserId();
        JsonObject limits = new JsonObject().put("requests_per_minute", 30).put("daily_budget_usd", 1.5);
        admin().header("X-Request-Id", "req-quota-1").body(new JsonObject().put("limits", limits)
                .put("reason", "pilot team").encode()).put("/internal/admin/quotas/users/" + user).then().statusCode(200)
                .body("data.before", nullValue())
                .body("data.after.subject_id", equalTo(user))
                .body("data.after.limits.requests_per_minute", equalTo(30))
                .body("data.after.limits.daily_budget_usd", equalTo(1.5f))
                .body("data.after.limits.tokens_per_minute", nullValue());
        admin().body(new JsonObject().put("limits", new JsonObject().put("requests_per_minute", 60)).encode())
                .put("/internal/admin/quotas/users/" + user).then().statusCode(200)
                .body("data.before.limits.requests_per_minute", equalTo(30))
                .body("data.after.limits.daily_budget_usd", nullValue());
        admin().get("/internal/admin/quotas/users").then().statusCode(200).body("data.subject_id", hasItem(user));
        admin().delete("/internal/admin/quotas/users/" + user + "?reason=done").then().statusCode(200)
                .body("data.before.limits.requests_per_minute", equalTo(60)).body("data.after", nullValue());
        admin().delete("/internal/admin/quotas/users/" + user).then().statusCode(404)
                .body("error.code", equalTo("quota_override_not_found"));

        List<Map<String, Object>> mine = events().<Map<String, Object>>getList("data").stream()
                .filter(e -> ((List<?>) e.get("target_ids")).contains(user)).toList();
        assertEquals(List.of("user_quota.update", "user_quota.update", "user_quota.delete"),
                mine.stream().map(e -> e.get("action")).toList());
        Map<String, Object> first = mine.get(0);
        assertEquals(QuotaFixtures.ACTOR, first.get("actor_user_id"));
        assertEquals("pilot team", first.get("reason"));
        assertEquals("req-quota-1", first.get("request_id"));
        assertEquals(null, first.get("before"));
        assertEquals("done", mine.get(2).get("reason"));

        admin().body(new JsonObject().put("limits", new JsonObject().put("tokens_per_minute", 5000)).encode())
                .put("/internal/admin/quotas/roles/guest").then().statusCode(200);
        admin().get("/internal/admin/quotas/roles").then().statusCode(200)
                .body("data.subject_id", equalTo(List.of("guest", "user", "admin")))
                .body("data.find { it.subject_id == 'guest' }.limits.tokens_per_minute", equalTo(5000));
        admin().body(new JsonObject().put("limits", new JsonObject()).encode())
                .put("/internal/admin/quotas/roles/guest").then().statusCode(200);
        assertEquals("quota_default.update", events().getString("data[-1].action"));
    }

    @Test
    void badInputIs400AndChangesNothing() {
        String user = TestTokens.newUserId();
        int before = events().getList("data").size();
        for (JsonObject bad : List.of(new JsonObject().put("requests_per_minute", -1),
                new JsonObject().put("daily_budget_usd", 0.1234567), new JsonObject().put("monthly_budget_usd", -5))) {
            admin().body(new JsonObject().put("limits", bad).encode()).put("/internal/admin/quotas/users/" + user)
                    .then().statusCode(400).body("error.code", equalTo("invalid_value"));
        }
        admin().body("{}").put("/internal/admin/quotas/users/" + user).then().statusCode(400);
        admin().body(new JsonObject().put("limits", new JsonObject()).encode()).put("/internal/admin/quotas/users/bob")
                .then().statusCode(400).body("error.param", equalTo("id"));
        admin().body(new JsonObject().put("limits", new JsonObject()).encode()).put("/internal/admin/quotas/roles/owner")
                .then().statusCode(400).body("error.param", equalTo("id"));
        admin().body(new JsonObject().put("limits", new JsonObject()).encode()).put("/internal/admin/quotas/teams/t1")
                .then().statusCode(404);
        admin().delete("/internal/admin/quotas/roles/guest").then().statusCode(400);
        InternalCalls.as("admin-service").contentType("application/json")
                .body(new JsonObject().put("limits", new JsonObject()).encode())
                .put("/internal/admin/quotas/users/" + user).then().statusCode(400).body("error.param", equalTo("X-Admin-Actor"));
        InternalCalls.as("catalog-service").get("/internal/admin/quotas/roles").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin(TestTokens.newUserId())).get("/internal/admin/quotas/roles").then()
                .statusCode(403);
        admin().get("/internal/admin/quotas/users").then().body("data.subject_id", org.hamcrest.Matchers.not(hasItem(user)));
        assertEquals(before, events().getList("data").size(), "nothing was audited");
    }
}
