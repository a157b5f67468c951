package io.jansuite.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Every admin route: anonymous callers get 401, signed-in non-admins 403. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeCatalog.class)
class AdminAccessTest {

    static final String[][] ROUTES = {
        { "GET", "/v1/admin/models/provider-models" },
        { "GET", "/v1/admin/models/provider-models/gpt-4o-mini" },
        { "PATCH", "/v1/admin/models/provider-models/gpt-4o-mini" },
        { "POST", "/v1/admin/models/provider-models/bulk-toggle" },
        { "GET", "/v1/admin/models/catalogs" },
        { "POST", "/v1/admin/models/catalogs" },
        { "PATCH", "/v1/admin/models/catalogs/gpt-4o" },
        { "POST", "/v1/admin/models/catalogs/bulk-toggle" },
        { "GET", "/v1/admin/providers" },
        { "POST", "/v1/admin/providers" },
        { "GET", "/v1/admin/providers/prov_x" },
        { "PATCH", "/v1/admin/providers/prov_x" },
        { "DELETE", "/v1/admin/providers/prov_x" },
        { "POST", "/v1/admin/providers/prov_x/sync" },
        { "GET", "/v1/admin/mcp-tools" },
        { "PATCH", "/v1/admin/mcp-tools/google_search" },
        { "GET", "/v1/admin/audit-log" },
    };

    @Test
    void nonAdminsAreRefusedOnEveryAdminRoute() {
        String user = TestTokens.user(TestTokens.newUserId());
        for (String[] route : ROUTES) {
            call(given().auth().oauth2(user), route).then().statusCode(403)
                    .body("error.type", equalTo("permission_error"))
                    .body("error.code", equalTo("admin_required"));
        }
    }

    @Test
    void anonymousCallersAreRefusedOnEveryAdminRoute() {
        for (String[] route : ROUTES) {
            call(given(), route).then().statusCode(401).body("error.type", equalTo("authentication_error"));
        }
    }

    @Test
    void adminsAreServed() {
        given().auth().oauth2(TestTokens.admin(TestTokens.newUserId())).get("/v1/admin/audit-log").then().statusCode(200)
                .body("limit", equalTo(20));
    }

    private static io.restassured.response.Response call(RequestSpecification spec, String[] route) {
        return spec.contentType(ContentType.JSON).body("{\"enabled\": true}").request(route[0], route[1]);
    }
}
