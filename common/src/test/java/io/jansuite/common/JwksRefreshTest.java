package io.jansuite.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

/**
 * Access tokens verified against a JWKS URL, as every service but the auth-service does it, with common's
 * JWKS settings: a rotated key is picked up, and tokens with made-up {@code kid}s do not make the service
 * fetch the JWKS for each of them.
 */
@QuarkusTest
@TestProfile(JwksRefreshTest.RemoteJwks.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeAuthService.class)
class JwksRefreshTest {

    public static class RemoteJwks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", "http://127.0.0.1:${fake-auth.port}/.well-known/jwks.json");
        }
    }

    private static String fakeAuth(String path) {
        return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("fake-auth.port", String.class) + path;
    }

    private static String jwk(PublicKey key, String kid) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key);
        jwk.setKeyId(kid);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static void serveJwks(String... jwks) {
        RestAssured.given().body("{\"keys\":[" + String.join(",", jwks) + "]}").post(fakeAuth("/control/jwks"))
                .then().statusCode(200);
    }

    private static int jwksCalls() {
        return Integer.parseInt(RestAssured.given().get(fakeAuth("/control/jwks-calls")).asString());
    }

    private static String token(String userId, String kid, PrivateKey key) {
        return Jwt.issuer(TestTokens.ISSUER).subject(userId).groups(Set.of("user")).claim("sid", "ses_" + UUID.randomUUID())
                .claim("guest", false).issuedAt(Instant.now().minusSeconds(1)).expiresAt(Instant.now().plusSeconds(600))
                .jws().keyId(kid).sign(key);
    }

    @Test
    void aRotatedKeyIsPickedUpButMadeUpKidsDoNotFetchTheJwksEachTime() throws Exception {
        PublicKey publicA = KeyUtils.readPublicKey("test-keys/publicKey.pem");
        PrivateKey privateA = KeyUtils.readPrivateKey("test-keys/privateKey.pem");
        serveJwks(jwk(publicA, "kid-a"));
        given().auth().oauth2(token("usr_a", "kid-a", privateA)).get("/v1/probe").then().statusCode(200)
                .body("data.user_id", equalTo("usr_a"));

        // rotation: the auth-service now signs with key B, published beside A
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair b = generator.generateKeyPair();
        serveJwks(jwk(publicA, "kid-a"), jwk(b.getPublic(), "kid-b"));
        given().auth().oauth2(token("usr_b", "kid-b", b.getPrivate())).get("/v1/probe").then().statusCode(200)
                .body("data.user_id", equalTo("usr_b"));

        // forged tokens, each with a kid nobody published
        int before = jwksCalls();
        for (int i = 0; i < 50; i++) {
            given().auth().oauth2(token("usr_forged", "kid-" + UUID.randomUUID(), b.getPrivate())).get("/v1/probe")
                    .then().statusCode(401);
        }
        int fetched = jwksCalls() - before;
        assertTrue(fetched <= 1, "50 unknown kids fetched the JWKS " + fetched + " times");
        given().auth().oauth2(token("usr_a", "kid-a", privateA)).get("/v1/probe").then().statusCode(200);
    }
}
