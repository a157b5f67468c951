package io.jansuite.auth;

import static io.jansuite.auth.TestSupport.bearer;
import static io.jansuite.auth.TestSupport.guest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Guest sign-in, access tokens, refresh rotation, revocation and sign-out. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class TokenTest {

    private static JsonObject part(String jwt, int index) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
    }

    @Test
    void guestLoginAnswersFlatAsThePageReadsIt() {
        given().post("/llm/auth/guest-login").then().statusCode(200)
                .body("access_token", notNullValue())
                .body("refresh_token", startsWith("rt_"))
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("user_id", startsWith("usr_"))
                .body("data", equalTo(null));
    }

    @Test
    void accessTokenCarriesTheDocumentedClaimsAndAKidFromTheJwks() {
        JsonPath auth = guest();
        String token = auth.getString("access_token");
        JsonObject header = part(token, 0);
        JsonObject claims = part(token, 1);
        assertEquals("RS256", header.getString("alg"));
        assertEquals("https://jansuite.local/auth", claims.getString("iss"));
        assertEquals(auth.getString("user_id"), claims.getString("sub"));
        assertTrue(claims.getJsonArray("groups").contains("user"));
        assertTrue(claims.getString("sid").startsWith("ses_"));
        assertEquals(true, claims.getBoolean("guest"));
        assertEquals(900L, claims.getLong("exp") - claims.getLong("iat"));
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kid", equalTo(header.getString("kid")))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].d", equalTo(null));
    }

    @Test
    void meDescribesTheGuest() {
        JsonPath auth = guest();
        given().header("Authorization", bearer(auth.getString("access_token"))).get("/llm/auth/me").then().statusCode(200)
                .body("data.id", equalTo(auth.getString("user_id")))
                .body("data.is_guest", equalTo(true))
                .body("data.roles", hasItem("user"))
                .body("data.email", equalTo(null));
    }

    @Test
    void missingExpiredTamperedAndForeignTokensAre401() {
        given().get("/llm/auth/me").then().statusCode(401).body("error.type", equalTo("authentication_error"));
        String user = guest().getString("user_id");
        String expired = TestTokens.token(user, Set.of("user"), TestTokens.ISSUER, Instant.now().minusSeconds(300));
        given().header("Authorization", bearer(expired)).get("/llm/auth/me").then().statusCode(401);
        String good = guest().getString("access_token");
        String[] parts = good.split("\\.");
        JsonObject claims = part(good, 1).put("sub", user);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().header("Authorization", bearer(tampered)).get("/llm/auth/me").then().statusCode(401);
        String foreign = TestTokens.token(user, Set.of("user"), "https://evil.example/auth", Instant.now().plusSeconds(600));
        given().header("Authorization", bearer(foreign)).get("/llm/auth/me").then().statusCode(401);
        given().header("Authorization", bearer(good)).get("/llm/auth/me").then().statusCode(200);
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        JsonPath auth = guest();
        JsonPath next = given().contentType("application/json")
                .body(new JsonObject().put("refresh_token", auth.getString("refresh_token")).encode())
                .post("/llm/auth/refresh").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900))
                .extract().jsonPath();
        assertNotEquals(auth.getString("refresh_token"), next.getString("refresh_token"));
        assertEquals(part(auth.getString("access_token"), 1).getString("sid"),
                part(next.getString("access_token"), 1).getString("sid"), "same session");
        given().header("Authorization", bearer(next.getString("access_token"))).get("/llm/auth/me").then().statusCode(200)
                .body("data.id", equalTo(auth.getString("user_id")));
        // the alias, with the rotated token
        given().contentType("application/json")
                .body(new JsonObject().put("refresh_token", next.getString("refresh_token")).encode())
                .post("/llm/auth/refresh-token").then().statusCode(200).body("refresh_token", startsWith("rt_"));
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeSession() {
        JsonPath auth = guest();
        String first = auth.getString("refresh_token");
        JsonPath second = refresh(first).then().statusCode(200).extract().jsonPath();
        refresh(first).then().statusCode(401).body("error.code", equalTo("refresh_token_reused"));
        refresh(second.getString("refresh_token")).then().statusCode(401);
        given().header("Authorization", bearer(second.getString("access_token"))).get("/llm/auth/me").then().statusCode(401);
    }

    @Test
    void unknownOrMissingRefreshTokensAreRefused() {
        refresh("rt_doesnotexist").then().statusCode(401).body("error.code", equalTo("invalid_refresh_token"));
        given().contentType("application/json").body("{}").post("/llm/auth/refresh").then().statusCode(400)
                .body("error.param", equalTo("refresh_token"));
    }

    @Test
    void revokingTheAccessTokenAsThePageDoesKillsBothTokensAndIsIdempotent() {
        JsonPath auth = guest();
        String token = auth.getString("access_token");
        String body = new JsonObject().put("token", token).encode();
        given().header("Authorization", bearer(token)).contentType("application/json").body(body)
                .post("/llm/auth/revoke").then().statusCode(200).body("data.revoked", equalTo(true));
        given().header("Authorization", bearer(token)).get("/llm/auth/me").then().statusCode(401)
                .body("error.code", equalTo("token_revoked"));
        refresh(auth.getString("refresh_token")).then().statusCode(401);
        given().header("Authorization", bearer(token)).contentType("application/json").body(body)
                .post("/llm/auth/revoke").then().statusCode(200);
    }

    @Test
    void revokingTheRefreshTokenKillsTheAccessTokenToo() {
        JsonPath auth = guest();
        given().contentType("application/json")
                .body(new JsonObject().put("refresh_token", auth.getString("refresh_token")).encode())
                .post("/llm/auth/revoke").then().statusCode(200);
        given().header("Authorization", bearer(auth.getString("access_token"))).get("/llm/auth/me").then().statusCode(401);
        refresh(auth.getString("refresh_token")).then().statusCode(401);
    }

    @Test
    void revokedSessionsAppearInTheFeed() {
        JsonPath auth = guest();
        String sid = part(auth.getString("access_token"), 1).getString("sid");
        given().contentType("application/json").body(new JsonObject().put("token", auth.getString("access_token")).encode())
                .post("/llm/auth/revoke").then().statusCode(200);
        JsonPath feed = io.jansuite.testing.InternalCalls.as("inference-service").get("/internal/revocations?after=0")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(feed.getList("data.findAll { it.kind == 'session' }.id", String.class).contains(sid));
        long last = feed.getLong("last_seq");
        io.jansuite.testing.InternalCalls.as("conversation-service").get("/internal/revocations?after=" + last).then().statusCode(200)
                .body("data.id", not(hasItem(sid))).body("last_seq", equalTo((int) last));
        given().get("/internal/revocations?after=0").then().statusCode(403);
    }

    @Test
    void revokeWithoutAnyTokenIs400AndWithGarbageIsAHarmless200() {
        given().contentType("application/json").body("{}").post("/llm/auth/revoke").then().statusCode(400)
                .body("error.param", equalTo("token"));
        given().contentType("application/json").body("{\"token\":\"not-a-token\"}").post("/llm/auth/revoke")
                .then().statusCode(200);
    }

    @Test
    void logoutRevokesTheCallersSession() {
        JsonPath auth = guest();
        String token = auth.getString("access_token");
        given().header("Authorization", bearer(token)).post("/llm/auth/logout").then().statusCode(200)
                .body("data.revoked", equalTo(true));
        given().header("Authorization", bearer(token)).get("/llm/auth/me").then().statusCode(401);
        refresh(auth.getString("refresh_token")).then().statusCode(401);
    }

    @Test
    void aStaleBearerDoesNotBlockSignInOrRefresh() {
        JsonPath auth = guest();
        String token = auth.getString("access_token");
        given().header("Authorization", bearer(token)).post("/llm/auth/logout").then().statusCode(200);
        given().header("Authorization", bearer(token)).post("/llm/auth/guest-login").then().statusCode(200);
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType("application/json").body(new JsonObject().put("refresh_token", token).encode())
                .post("/llm/auth/refresh");
    }
}
