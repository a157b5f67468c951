package io.jansuite.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The error envelope, request ids, limits and the credential policy that every service shares. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeAuthService.class)
class SharedEdgeTest {

    private final String user = TestTokens.user(TestTokens.newUserId());

    @Test
    void unknownRouteIs404WithTheRequestIdOfTheHeader() {
        Response r = given().get("/v1/nothing-here");
        r.then().statusCode(404)
                .body("error.type", equalTo("not_found_error"))
                .body("error.code", equalTo("not_found"))
                .body("error.request_id", equalTo(r.header("X-Request-Id")));
        assertNotNull(r.header("X-Request-Id"));
    }

    @Test
    void clientRequestIdIsEchoedAndUnsafeOnesReplaced() {
        given().header("X-Request-Id", "abc-123").get("/v1/nothing").then()
                .header("X-Request-Id", "abc-123").body("error.request_id", equalTo("abc-123"));
        given().header("X-Request-Id", "bad id\u0001").get("/v1/nothing").then()
                .header("X-Request-Id", not(equalTo("bad id\u0001")));
    }

    @Test
    void missingCredentialsIs401() {
        given().get("/v1/probe").then().statusCode(401)
                .body("error.type", equalTo("authentication_error"))
                .body("error.code", equalTo("missing_credentials"));
    }

    @Test
    void validTokenGivesTheCaller() {
        given().auth().oauth2(user).get("/v1/probe").then().statusCode(200)
                .body("data.user_id", containsString("usr_"));
    }

    @Test
    void tamperedExpiredAndForeignTokensAre401() {
        String[] parts = user.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        String expired = TestTokens.token("usr_x", Set.of("user"), TestTokens.ISSUER, Instant.now().minusSeconds(120));
        String foreign = TestTokens.token("usr_x", Set.of("user"), "https://evil.example", Instant.now().plusSeconds(600));
        for (String token : new String[] { tampered, expired, foreign, "not-a-jwt" }) {
            given().auth().oauth2(token).get("/v1/probe").then().statusCode(401)
                    .body("error.type", equalTo("authentication_error"));
        }
    }

    @Test
    void malformedJsonIs400InvalidJson() {
        given().auth().oauth2(user).contentType("application/json").body("{\"title\": ").post("/v1/probe").then()
                .statusCode(400).body("error.code", equalTo("invalid_json"))
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void validationFailureNamesTheField() {
        given().auth().oauth2(user).contentType("application/json").body("{\"title\":\"ok\",\"nick_name\":\"toolong\"}")
                .post("/v1/probe").then().statusCode(400)
                .body("error.code", equalTo("invalid_value")).body("error.param", equalTo("nick_name"));
        given().auth().oauth2(user).contentType("application/json").body("{\"title\":\"\"}")
                .post("/v1/probe").then().statusCode(400).body("error.param", equalTo("title"));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().auth().oauth2(user).contentType("application/json").body("{\"title\":{\"a\":1}}")
                .post("/v1/probe").then().statusCode(400).body("error.param", equalTo("title"));
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"title\":\"" + "x".repeat(70 * 1024) + "\"}";
        given().auth().oauth2(user).contentType("application/json").body(big).post("/v1/probe").then()
                .statusCode(413).body("error.code", equalTo("body_too_large"));
    }

    @Test
    void wrongContentTypeIs415() {
        given().auth().oauth2(user).contentType("text/plain").body("hello").post("/v1/probe").then()
                .statusCode(415).body("error.code", equalTo("unsupported_media_type"));
    }

    @Test
    void wrongMethodIs405() {
        given().auth().oauth2(user).delete("/v1/probe").then().statusCode(405)
                .body("error.code", equalTo("method_not_allowed"));
    }

    @Test
    void unexpectedErrorLeaksNothing() {
        given().auth().oauth2(user).get("/v1/probe/boom").then().statusCode(500)
                .body("error.type", equalTo("internal_error"))
                .body(not(containsString("SELECT"))).body(not(containsString("Exception")))
                .body(not(containsString("org.example")));
    }

    @Test
    void paginationIsValidated() {
        given().auth().oauth2(user).get("/v1/probe/page?limit=2&offset=0").then().statusCode(200)
                .body("total", equalTo(10)).body("limit", equalTo(2)).body("has_more", equalTo(true));
        given().auth().oauth2(user).get("/v1/probe/page?limit=0").then().statusCode(400).body("error.param", equalTo("limit"));
        given().auth().oauth2(user).get("/v1/probe/page?limit=101").then().statusCode(400);
        given().auth().oauth2(user).get("/v1/probe/page?offset=-1").then().statusCode(400).body("error.param", equalTo("offset"));
        given().auth().oauth2(user).get("/v1/probe/page?limit=abc").then().statusCode(400);
    }

    @Test
    void publicRoutesNeedNoCredentials() {
        given().get("/v1/public/probe").then().statusCode(200).body("data", equalTo("anonymous"));
    }

    @Test
    void adminRoutesNeedAnAdmin() {
        given().get("/v1/admin/probe").then().statusCode(401);
        given().auth().oauth2(user).get("/v1/admin/probe").then().statusCode(403)
                .body("error.type", equalTo("permission_error"));
        given().auth().oauth2(TestTokens.admin("usr_admin")).get("/v1/admin/probe").then().statusCode(200);
    }

    @Test
    void internalRoutesNeedAGenuineInternalCaller() {
        given().get("/internal/probe").then().statusCode(403).body("error.code", equalTo("internal_only"));
        given().header("X-Internal-Caller", "common-probe").header("X-Internal-Signature", "t=1;n=a;s=forged")
                .get("/internal/probe").then().statusCode(403);
        given().auth().oauth2(user).get("/internal/probe").then().statusCode(403);
        given().headers(InternalCallTest.signed("common-probe", "GET", "/internal/probe", ""))
                .get("/internal/probe").then().statusCode(200).body("data", equalTo("internal ok"));
    }

    @Test
    void errorBodyHasAllFields() {
        given().get("/v1/probe").then().body("error.param", nullValue())
                .body("error.message", not(equalTo(null)));
    }

    @Test
    void openApiDocumentsTheEnvelopeAndHidesInternalRoutes() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.ErrorEnvelope.properties.error.required", org.hamcrest.Matchers.hasItem("request_id"))
                .body("paths", not(org.hamcrest.Matchers.hasKey("/internal/probe")))
                .body("components.schemas.Probe.properties", org.hamcrest.Matchers.hasKey("nick_name"))
                .body("components.schemas.Probe.properties.nick_name.type", org.hamcrest.Matchers.hasItem("null"))
                .body("paths.'/v1/probe'.post.summary", equalTo("Create"))
                .body("paths.'/v1/probe'.post.responses.'400'.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/ErrorEnvelope"))
                .body("paths.'/v1/public/probe'.get.responses", not(org.hamcrest.Matchers.hasKey("401")));
    }

    static void assertStatus(int expected, Response r) {
        assertEquals(expected, r.statusCode(), r.asString());
    }
}
