package io.jansuite.inference;

import io.jansuite.testing.InternalCalls;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Quota limits set as the admin-service sets them, and the callers they apply to. */
final class QuotaFixtures {

    static final String ACTOR = "usr_quota_admin";

    private QuotaFixtures() {
    }

    static RequestSpecification admin() {
        return InternalCalls.as("admin-service").header("X-Admin-Actor", ACTOR).contentType(ContentType.JSON);
    }

    /** Sets the limits of a role, user or key ({@code type}: roles, users, keys). */
    static void limit(String type, String id, JsonObject limits) {
        admin().body(new JsonObject().put("limits", limits).put("reason", "test").encode())
                .put("/internal/admin/quotas/" + type + "/" + id).then().statusCode(200);
    }

    static JsonObject rpm(long n) {
        return new JsonObject().put("requests_per_minute", n);
    }

    static String keyId() {
        return "key_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A guest's access token, as the auth-service issues it for guest-login. */
    static String guestToken(String userId) {
        return Jwt.issuer("https://jansuite.local/auth").subject(userId).groups(Set.of("user"))
                .claim("sid", "ses_" + UUID.randomUUID()).claim("guest", true)
                .issuedAt(Instant.now().minusSeconds(1)).expiresAt(Instant.now().plusSeconds(900))
                .sign("test-keys/privateKey.pem");
    }

    /** A target priced at these USD per million input and output tokens. */
    static JsonObject priced(JsonObject target, double input, double output) {
        return target.put("input_price_per_million_usd", input).put("output_price_per_million_usd", output);
    }
}
