package io.jansuite.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Catalog lists with usage, catalog toggles and MCP tools through the admin API. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeCatalog.class)
class CatalogsAndToolsAdminTest {

    private final String adminId = TestTokens.newUserId();
    private final String admin = TestTokens.admin(adminId);

    private static Map<String, Object> catalog(String id) {
        Map<String, Object> c = new HashMap<>();
        c.put("public_id", id);
        c.put("name", id);
        c.put("provider", "simulator");
        c.put("enabled", true);
        c.put("servable", true);
        c.put("capabilities", List.of("chat"));
        c.put("context_window", 128000);
        c.put("models", List.of(Stubs.model("pmdl_" + id, id, true)));
        return c;
    }

    @Test
    void catalogsCarryTheUsageTotalsOfTheInferenceService() {
        Stubs.stub("GET", "/internal/admin/catalogs", 200, Stubs.data(List.of(catalog("gpt-4o"), catalog("gpt-4o-mini"))));
        Stubs.stub("GET", "/internal/usage/totals", 200, Stubs.data(Map.of("gpt-4o", 42)));
        given().auth().oauth2(admin).queryParam("provider", "openai").queryParam("enabled", "true")
                .get("/v1/admin/models/catalogs").then().statusCode(200)
                .body("data", hasSize(2))
                .body("data[0].public_id", equalTo("gpt-4o"))
                .body("data[0].models", hasSize(1))
                .body("data[0].total_requests", equalTo(42))
                .body("data[1].total_requests", equalTo(0));
        String query = Stubs.last("GET", "/internal/admin/catalogs").getString("query");
        assertTrue(query.contains("provider=openai") && query.contains("enabled=true"), query);
    }

    @Test
    void catalogsShowZeroUsageWhenTheInferenceServiceFails() {
        Stubs.stub("GET", "/internal/admin/catalogs", 200, Stubs.data(List.of(catalog("gpt-4o"))));
        Stubs.stub("GET", "/internal/usage/totals", 500, "{}");
        given().auth().oauth2(admin).get("/v1/admin/models/catalogs").then().statusCode(200)
                .body("data[0].total_requests", equalTo(0));
    }

    @Test
    void catalogBulkToggleAnswersTheCount() {
        Stubs.stub("POST", "/internal/admin/catalogs/bulk-toggle", 200, Stubs.data(Map.of("count", 1, "changes",
                List.of(Map.of("id", "gpt-4o", "before", true, "after", false)))));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("catalog_ids", List.of("gpt-4o", "openai-gpt4"), "enabled", false, "reason", "Cost control"))
                .post("/v1/admin/models/catalogs/bulk-toggle").then().statusCode(200).body("data.count", equalTo(1));
        assertTrue(Stubs.last("POST", "/internal/admin/catalogs/bulk-toggle").getString("body").contains("openai-gpt4"));
        // The catalog-service audits the change (its AdminAuditTest); it gets the admin and the reason.
        JsonPath forwarded = Stubs.last("POST", "/internal/admin/catalogs/bulk-toggle");
        assertEquals(adminId, forwarded.getString("actor"));
        assertTrue(forwarded.getString("body").contains("Cost control"), forwarded.prettify());
    }

    @Test
    void catalogEditAnswersTheEntry() {
        Map<String, Object> before = catalog("alias-1");
        Map<String, Object> after = catalog("alias-1");
        after.put("models", List.of(Stubs.model("pmdl_b", "m", true), Stubs.model("pmdl_a", "m", true)));
        Stubs.stub("PATCH", "/internal/admin/catalogs/alias-1", 200, Stubs.change(before, after));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("models", List.of("pmdl_b", "pmdl_a"), "reason", "failover"))
                .patch("/v1/admin/models/catalogs/alias-1").then().statusCode(200)
                .body("data.models.id", equalTo(List.of("pmdl_b", "pmdl_a")));
        // The catalog-service audits the change (its AdminAuditTest); it gets the admin and the reason.
        JsonPath forwarded = Stubs.last("PATCH", "/internal/admin/catalogs/alias-1");
        assertEquals(adminId, forwarded.getString("actor"));
        assertTrue(forwarded.getString("body").contains("failover"), forwarded.prettify());

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("public_id", "bad id", "models", List.of("pmdl_a")))
                .post("/v1/admin/models/catalogs").then().statusCode(400).body("error.param", equalTo("public_id"));
    }

    @Test
    void toolsAreListedAndAnInvalidRegexIs400NamingTheParam() {
        Stubs.stub("GET", "/internal/admin/mcp-tools", 200, Stubs.data(List.of(Map.of("id", "scrape", "name", "scrape",
                "description", "Fetch a page", "enabled", true, "is_active", true,
                "content_filter", Map.of("disallowed_keywords", List.of("x"), "disallowed_patterns", List.of())))));
        given().auth().oauth2(admin).get("/v1/admin/mcp-tools").then().statusCode(200)
                .body("data[0].id", equalTo("scrape"))
                .body("data[0].content_filter.disallowed_keywords", equalTo(List.of("x")));

        Stubs.stub("PATCH", "/internal/admin/mcp-tools/code_interpreter", 400, Stubs.error("invalid_request_error",
                "invalid_pattern", "content_filter.disallowed_patterns[0] is not a valid regular expression.",
                "content_filter.disallowed_patterns[0]", null));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("content_filter", Map.of("disallowed_patterns", List.of("([bad"))))
                .patch("/v1/admin/mcp-tools/code_interpreter").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("invalid_pattern"))
                .body("error.param", equalTo("content_filter.disallowed_patterns[0]"));
    }
}
