package io.jansuite.auth;

import static io.jansuite.auth.TestSupport.newClientAddress;
import static io.jansuite.auth.TestSupport.newEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sign-in requests per client address, with a limit of 3 a minute and only 127.0.0.1 as a trusted proxy:
 * the address comes from X-Forwarded-For only when 127.0.0.1 connects.
 */
@QuarkusTest
@TestProfile(SignInLimitTest.LowLimit.class)
@QuarkusTestResource(PostgresResource.class)
class SignInLimitTest {

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.auth.sign-in.max-per-client", "3", "app.auth.trusted-proxies", "127.0.0.1");
        }
    }

    private static Response guestLogin(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor).post("/llm/auth/guest-login");
    }

    @Test
    void guestSignUpsFromOneAddressAre429AfterTheLimitWithRetryAfter() {
        String client = newClientAddress();
        for (int i = 0; i < 3; i++) {
            guestLogin(client).then().statusCode(200);
        }
        Response refused = guestLogin(client);
        refused.then().statusCode(429).body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("too_many_sign_ins"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        guestLogin(newClientAddress()).then().statusCode(200);
    }

    @Test
    void registrationsAndLoginsCountWithGuestSignUps() {
        String client = newClientAddress();
        String email = newEmail();
        String credentials = new JsonObject().put("email", email).put("password", "long enough password").encode();
        guestLogin(client).then().statusCode(200);
        given().header("X-Forwarded-For", client).contentType("application/json").body(credentials)
                .post("/llm/auth/register").then().statusCode(200);
        given().header("X-Forwarded-For", client).contentType("application/json").body(credentials)
                .post("/llm/auth/login").then().statusCode(200);
        given().header("X-Forwarded-For", client).contentType("application/json").body(credentials)
                .post("/llm/auth/login").then().statusCode(429).body("error.code", equalTo("too_many_sign_ins"));
    }

    @Test
    void addressesAClientPrependsToTheProxysChainAreIgnored() {
        String client = newClientAddress();
        for (int i = 0; i < 3; i++) {
            guestLogin(newClientAddress() + ", " + client).then().statusCode(200);
        }
        guestLogin(newClientAddress() + ", " + client).then().statusCode(429);
    }

    @Test
    void anUntrustedPeerIsCountedByItsOwnAddressWhateverItsForwardedFor() throws IOException {
        // 127.0.0.2 is a loopback address too, but not a trusted proxy here: its X-Forwarded-For is ignored
        for (int i = 0; i < 3; i++) {
            assertEquals(200, guestLoginFrom("127.0.0.2", newClientAddress()));
        }
        assertEquals(429, guestLoginFrom("127.0.0.2", newClientAddress()));
        guestLogin(newClientAddress()).then().statusCode(200);
    }

    /** POST /llm/auth/guest-login over a socket bound to {@code localAddress}; the answer's status. */
    private static int guestLoginFrom(String localAddress, String forwardedFor) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /llm/auth/guest-login HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + forwardedFor
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(head.substring(9, 12));
        }
    }
}
