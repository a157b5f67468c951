package io.jansuite.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.common.auth.ApiKeyFormat;
import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** API keys as a service other than the auth-service sees them: verified remotely, cached, revoked by feed. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeAuthService.class)
class ApiKeyCredentialTest {

    private String fakeAuth(String path) {
        return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("fake-auth.port", String.class) + path;
    }

    private String register(String keyId, String... scopes) {
        String key = ApiKeyFormat.generate();
        JsonObject verified = new JsonObject().put("key_id", keyId).put("user_id", "usr_" + keyId)
                .put("scopes", new JsonArray(java.util.List.of(scopes))).put("roles", new JsonArray().add("user"))
                .put("guest", false);
        FakeAuthService.register(key, verified);
        return key;
    }

    @Test
    void keyWorksInBothHeaders() {
        String key = register("key_both", "read", "write");
        given().header("X-API-Key", key).get("/v1/probe").then().statusCode(200).body("data.user_id", equalTo("usr_key_both"));
        given().header("Authorization", "Bearer " + key).get("/v1/probe").then().statusCode(200);
    }

    @Test
    void theKeysModelAllowListReachesTheCaller() {
        String key = ApiKeyFormat.generate();
        JsonObject verified = new JsonObject().put("key_id", "key_models").put("user_id", "usr_key_models")
                .put("scopes", new JsonArray().add("read")).put("roles", new JsonArray().add("user")).put("guest", false)
                .put("allowed_models", new JsonArray().add("gpt-4o-mini").add("jan-v2-30b"));
        FakeAuthService.register(key, verified);
        given().header("X-API-Key", key).get("/v1/probe").then().statusCode(200)
                .body("data.allowed_models", containsInAnyOrder("gpt-4o-mini", "jan-v2-30b"));
        given().header("X-API-Key", register("key_all_models", "read")).get("/v1/probe").then().statusCode(200)
                .body("data.allowed_models", nullValue());
    }

    @Test
    void readOnlyKeyMayOnlyRead() {
        String key = register("key_read", "read");
        given().header("X-API-Key", key).get("/v1/probe").then().statusCode(200);
        given().header("X-API-Key", key).contentType("application/json").body("{\"title\":\"x\"}").post("/v1/probe")
                .then().statusCode(403).body("error.code", equalTo("insufficient_scope"));
    }

    @Test
    void unknownAndMalformedKeysAre401AndMalformedOnesNeverLeaveTheService() {
        int before = verifyCalls();
        for (int i = 0; i < 20; i++) {
            given().header("X-API-Key", "sk_made_up_" + i).get("/v1/probe").then().statusCode(401);
        }
        assertEquals(before, verifyCalls(), "malformed keys must be refused locally");
        String unknown = ApiKeyFormat.generate();
        for (int i = 0; i < 5; i++) {
            given().header("X-API-Key", unknown).get("/v1/probe").then().statusCode(401);
        }
        assertEquals(before + 1, verifyCalls(), "an unknown key is asked about once, then cached");
    }

    @Test
    void revokedKeyIsRejectedWithinASecond() throws InterruptedException {
        String key = register("key_revoked", "read", "write");
        given().header("X-API-Key", key).get("/v1/probe").then().statusCode(200);
        RestAssured.given().post(fakeAuth("/control/revoke?key_id=key_revoked")).then().statusCode(200);
        Thread.sleep(1000);
        given().header("X-API-Key", key).get("/v1/probe").then().statusCode(401);
    }

    @Test
    void authServiceDownIs503NotA401() {
        String key = register("key_down", "read", "write");
        RestAssured.given().post(fakeAuth("/control/down?value=true")).then().statusCode(200);
        try {
            given().header("X-API-Key", key).get("/v1/probe").then().statusCode(503)
                    .body("error.type", equalTo("service_unavailable"));
        } finally {
            RestAssured.given().post(fakeAuth("/control/down?value=false")).then().statusCode(200);
        }
        given().header("X-API-Key", key).get("/v1/probe").then().statusCode(200);
    }

    @Test
    void adminScopeIsNeededForAdminRoutesEvenForAnAdminUser() {
        String key = ApiKeyFormat.generate();
        JsonObject verified = new JsonObject().put("key_id", "key_adm").put("user_id", "usr_adm")
                .put("scopes", new JsonArray().add("read").add("write")).put("roles", new JsonArray().add("user").add("admin"))
                .put("guest", false);
        FakeAuthService.register(key, verified);
        given().header("X-API-Key", key).get("/v1/admin/probe").then().statusCode(403)
                .body("error.code", equalTo("admin_required"));
        String scoped = register("key_adm2", "read", "write", "admin");
        // a non-admin user's key with the admin scope is still not an admin
        given().header("X-API-Key", scoped).get("/v1/admin/probe").then().statusCode(403);
    }

    private int verifyCalls() {
        return Integer.parseInt(RestAssured.given().get(fakeAuth("/control/verify-calls")).asString());
    }
}
