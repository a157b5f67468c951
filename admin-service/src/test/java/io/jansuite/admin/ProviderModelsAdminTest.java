package io.jansuite.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** The provider-model admin routes against the catalog-service's HTTP boundary, and their audit entries. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeCatalog.class)
class ProviderModelsAdminTest {

    private final String adminId = TestTokens.newUserId();
    private final String admin = TestTokens.admin(adminId);

    @Test
    void listPassesTheFiltersAndKeepsTheEnvelope() {
        Stubs.stub("GET", "/internal/admin/provider-models", 200, Map.of("data", List.of(Stubs.model("pmdl_a", "gpt-4o-mini", true)),
                "total", 1, "limit", 5, "offset", 0, "has_more", false));
        given().auth().oauth2(admin).queryParam("provider", "simulator").queryParam("enabled", "true")
                .queryParam("limit", 5).get("/v1/admin/models/provider-models").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].model_id", equalTo("gpt-4o-mini"))
                .body("data[0].provider", equalTo("simulator"))
                .body("total", equalTo(1))
                .body("has_more", equalTo(false));
        JsonPath seen = Stubs.last("GET", "/internal/admin/provider-models");
        String query = seen.getString("query");
        assertTrue(query.contains("provider=simulator") && query.contains("enabled=true") && query.contains("limit=5"), query);
        assertEquals("admin-service", seen.getString("caller"), "internal caller header");
    }

    @Test
    void badListParametersAre400() {
        given().auth().oauth2(admin).queryParam("limit", 500).get("/v1/admin/models/provider-models").then()
                .statusCode(400).body("error.param", equalTo("limit"));
        given().auth().oauth2(admin).queryParam("enabled", "yes please").get("/v1/admin/models/provider-models").then()
                .statusCode(400).body("error.param", equalTo("enabled"));
    }

    @Test
    void ambiguousModelIs409WithTheCatalogsCandidates() {
        String model = "amb-" + UUID.randomUUID();
        Stubs.stub("GET", "/internal/admin/provider-models/" + model, 409, Stubs.error("conflict_error", "ambiguous_model",
                "Several providers serve it.", null, Map.of("candidates", List.of(
                        Map.of("id", "pmdl_1", "model_id", model, "provider", "a"),
                        Map.of("id", "pmdl_2", "model_id", model, "provider", "b")))));
        given().auth().oauth2(admin).get("/v1/admin/models/provider-models/" + model).then().statusCode(409)
                .body("error.type", equalTo("conflict_error"))
                .body("error.code", equalTo("ambiguous_model"))
                .body("error.details.candidates.id", equalTo(List.of("pmdl_1", "pmdl_2")))
                .body("error.request_id", notNullValue());
    }

    @Test
    void unknownModelIs404() {
        given().auth().oauth2(admin).get("/v1/admin/models/provider-models/none-" + UUID.randomUUID()).then()
                .statusCode(404).body("error.type", equalTo("not_found_error"));
    }

    @Test
    void invalidPatchIs400AndNeverReachesTheCatalog() {
        String model = "bad-" + UUID.randomUUID();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("default_temperature", 2.5))
                .patch("/v1/admin/models/provider-models/" + model).then().statusCode(400)
                .body("error.param", equalTo("default_temperature"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("rate_limit", Map.of("requests_per_minute", 0)))
                .patch("/v1/admin/models/provider-models/" + model).then().statusCode(400)
                .body("error.param", equalTo("rate_limit.requests_per_minute"));
        assertNull(Stubs.last("PATCH", "/internal/admin/provider-models/" + model).getString("query"));
    }

    @Test
    void patchAnswersTheModelAndIsAuditedWithBeforeAfterAndReason() {
        String model = "patch-" + UUID.randomUUID();
        Map<String, Object> before = Stubs.model("pmdl_p1", model, true);
        Map<String, Object> after = Stubs.model("pmdl_p1", model, true);
        after.put("default_temperature", 0.7);
        after.put("rate_limit", Map.of("requests_per_minute", 50));
        Stubs.stub("PATCH", "/internal/admin/provider-models/" + model, 200, Stubs.change(before, after));

        given().auth().oauth2(admin).header("X-Request-Id", "req-patch-1").contentType(ContentType.JSON)
                .body(Map.of("default_temperature", 0.7, "rate_limit", Map.of("requests_per_minute", 50),
                        "tags", List.of("production"), "reason", "tune"))
                .patch("/v1/admin/models/provider-models/" + model).then().statusCode(200)
                .body("data.id", equalTo("pmdl_p1"))
                .body("data.default_temperature", equalTo(0.7f))
                .body("data.rate_limit.requests_per_minute", equalTo(50));
        String forwarded = Stubs.last("PATCH", "/internal/admin/provider-models/" + model).getString("body");
        assertTrue(forwarded.contains("\"requests_per_minute\":50") && forwarded.contains("\"tags\":[\"production\"]"), forwarded);

        JsonPath entry = AuditLogTest.latest(admin, adminId, "provider_model.update");
        assertEquals(List.of("pmdl_p1"), entry.getList("target_ids"));
        assertEquals("tune", entry.getString("reason"));
        assertEquals("req-patch-1", entry.getString("request_id"));
        assertNull(entry.get("before.default_temperature"));
        assertEquals(0.7f, entry.getFloat("after.default_temperature"));
        assertEquals(50, entry.getInt("after.rate_limit.requests_per_minute"));
    }

    @Test
    void bulkToggleAnswersTheCountAndIsAuditedPerModel() {
        Stubs.stub("POST", "/internal/admin/provider-models/bulk-toggle", 200, Stubs.data(Map.of("count", 2, "changes", List.of(
                Map.of("id", "pmdl_b1", "before", true, "after", false),
                Map.of("id", "pmdl_b2", "before", false, "after", false)))));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("model_ids", List.of("gpt-4o-mini", "pmdl_b2", "unknown"), "enabled", false,
                        "reason", "Production deployment"))
                .post("/v1/admin/models/provider-models/bulk-toggle").then().statusCode(200)
                .body("data.count", equalTo(2));
        JsonPath entry = AuditLogTest.latest(admin, adminId, "provider_model.bulk_toggle");
        assertEquals(List.of("pmdl_b1", "pmdl_b2"), entry.getList("target_ids"));
        assertEquals("Production deployment", entry.getString("reason"));
        assertEquals(true, entry.getBoolean("before.pmdl_b1.enabled"));
        assertEquals(false, entry.getBoolean("after.pmdl_b1.enabled"));
    }

    @Test
    void bulkToggleNeedsIdsAndASwitch() {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("model_ids", List.of("x")))
                .post("/v1/admin/models/provider-models/bulk-toggle").then().statusCode(400)
                .body("error.param", equalTo("enabled"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{not json")
                .post("/v1/admin/models/provider-models/bulk-toggle").then().statusCode(400)
                .body("error.code", equalTo("invalid_json"));
    }

    @Test
    void catalogFailureIs502WithoutItsDetails() {
        Stubs.stub("GET", "/internal/admin/provider-models/broken", 500, "{}");
        given().auth().oauth2(admin).get("/v1/admin/models/provider-models/broken").then().statusCode(502)
                .body("error.type", equalTo("upstream_error"))
                .body("error.message", containsString("catalog-service"));
    }
}
