package io.jansuite.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.common.auth.ApiKeyFormat;
import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * API keys while the auth-service cannot verify them (its database is down): a key it vouched for lately keeps
 * working, one it never saw gets 503, one revoked on the feed gets 401. The key cache lasts a second here,
 * so the test outlives it and reaches the outage fallback.
 */
@QuarkusTest
@TestProfile(ApiKeyOutageTest.ShortKeyCache.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeAuthService.class)
class ApiKeyOutageTest {

    public static class ShortKeyCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.auth.key-cache-ttl", "1s");
        }
    }

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
    void aRecentlyVerifiedKeyKeepsWorkingWhileTheAuthServiceIsDown() throws InterruptedException {
        String key = register("key_outage", "read", "write");
        String revoked = register("key_outage_revoked", "read", "write");
        String neverSeen = register("key_outage_unseen", "read", "write");
        given().header("X-API-Key", key).get("/v1/probe").then().statusCode(200);
        given().header("X-API-Key", revoked).get("/v1/probe").then().statusCode(200);
        Thread.sleep(1200);
        RestAssured.given().post(fakeAuth("/control/verify-down?value=true")).then().statusCode(200);
        try {
            int before = verifyCalls();
            given().header("X-API-Key", key).get("/v1/probe").then().statusCode(200)
                    .body("data.user_id", equalTo("usr_key_outage"));
            given().header("X-API-Key", neverSeen).get("/v1/probe").then().statusCode(503);
            assertEquals(before, verifyCalls(), "the auth-service answered 503 and counted no verification");
            RestAssured.given().post(fakeAuth("/control/revoke?key_id=key_outage_revoked")).then().statusCode(200);
            Thread.sleep(1000);
            given().header("X-API-Key", revoked).get("/v1/probe").then().statusCode(401);
        } finally {
            RestAssured.given().post(fakeAuth("/control/verify-down?value=false")).then().statusCode(200);
        }
    }

    private int verifyCalls() {
        return Integer.parseInt(RestAssured.given().get(fakeAuth("/control/verify-calls")).asString());
    }
}
