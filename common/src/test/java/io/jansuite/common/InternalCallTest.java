package io.jansuite.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.InternalApi;
import io.jansuite.common.auth.InternalSignature;
import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.InternalCalls;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.Test;

/** Internal calls: signed by a per-pair key over caller, method, path, time, nonce and body; once only. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeAuthService.class)
class InternalCallTest {

    private static final String ECHO = "/internal/probe/echo";
    private static final String BODY = "{\"title\":\"t\"}";

    @TestHTTPResource("/")
    URI base;

    /** The two headers of a request signed now by {@code caller} with the key test-support gives it. */
    static Map<String, String> signed(String caller, String method, String pathAndQuery, String body) {
        return signedAt(caller, method, pathAndQuery, body, Instant.now().getEpochSecond());
    }

    static Map<String, String> signedAt(String caller, String method, String pathAndQuery, String body, long at) {
        return InternalCalls.headers(caller, method, pathAndQuery, body.getBytes(StandardCharsets.UTF_8), at);
    }

    @Test
    void theFilterOfTheTestsSignsLikeTheServices() {
        InternalCalls.as("common-probe").contentType("application/json").body(Map.of("title", "via filter"))
                .post(ECHO).then().statusCode(200).body("data.title", equalTo("via filter"));
        InternalCalls.as("common-probe").get("/internal/probe?x=%C3%A9").then().statusCode(200);
    }

    @Test
    void genuineSignedCallIsServed() {
        given().headers(signed("common-probe", "POST", ECHO, BODY)).contentType("application/json").body(BODY)
                .post(ECHO).then().statusCode(200).body("data.title", equalTo("t"));
    }

    @Test
    void replayedCallIsRefused() {
        Map<String, String> headers = signed("common-probe", "POST", ECHO, BODY);
        given().headers(headers).contentType("application/json").body(BODY).post(ECHO).then().statusCode(200);
        given().headers(headers).contentType("application/json").body(BODY).post(ECHO).then().statusCode(403)
                .body("error.code", equalTo("internal_only"))
                .body("error.message", equalTo("The internal credential has been used before."));
    }

    @Test
    void expiredOrFutureCallIsRefused() {
        long now = Instant.now().getEpochSecond();
        for (long at : new long[] { now - 40, now + 40, 0 }) {
            given().headers(signedAt("common-probe", "POST", ECHO, BODY, at)).contentType("application/json").body(BODY)
                    .post(ECHO).then().statusCode(403).body("error.message", equalTo("The internal credential has expired."));
        }
    }

    @Test
    void tamperedBodyPathQueryOrMethodIsRefused() {
        given().headers(signed("common-probe", "POST", ECHO, BODY)).contentType("application/json")
                .body("{\"title\":\"changed\"}").post(ECHO).then().statusCode(403);
        given().headers(signed("common-probe", "GET", "/internal/other/probe", "")).get("/internal/probe")
                .then().statusCode(403);
        given().headers(signed("common-probe", "GET", "/internal/probe?a=1", "")).get("/internal/probe?a=2")
                .then().statusCode(403);
        given().headers(signed("common-probe", "GET", ECHO, BODY)).contentType("application/json").body(BODY)
                .post(ECHO).then().statusCode(403);
    }

    @Test
    void theAdminACallActsForIsSignedWithIt() {
        long now = Instant.now().getEpochSecond();
        given().headers(InternalCalls.headers(InternalCalls.key("common-probe"), "common-probe", "GET", "/internal/probe",
                "usr_alice", new byte[0], now)).header("X-Admin-Actor", "usr_alice")
                .get("/internal/probe").then().statusCode(200);
        given().headers(InternalCalls.headers(InternalCalls.key("common-probe"), "common-probe", "GET", "/internal/probe",
                "usr_alice", new byte[0], now)).header("X-Admin-Actor", "usr_mallory")
                .get("/internal/probe").then().statusCode(403);
        given().headers(InternalCalls.headers(InternalCalls.key("common-probe"), "common-probe", "GET", "/internal/probe",
                null, new byte[0], now)).header("X-Admin-Actor", "usr_mallory")
                .get("/internal/probe").then().statusCode(403);
        InternalCalls.as("common-probe").header("X-Admin-Actor", "usr_bob").get("/internal/probe").then().statusCode(200);
    }

    @Test
    void aCallerSpeaksOnlyForItselfAndOnlyWhereItIsListed() {
        // admin-service's genuine signature, but /internal/probe serves common-probe only
        given().headers(signed("admin-service", "GET", "/internal/probe", "")).get("/internal/probe").then()
                .statusCode(403).body("error.message", equalTo("This route does not serve admin-service."));
        // a caller claiming to be common-probe with another service's key
        given().headers(InternalCalls.headers(InternalCalls.key("admin-service"), "common-probe", "GET",
                        "/internal/probe", null, new byte[0], Instant.now().getEpochSecond()))
                .get("/internal/probe").then().statusCode(403);
        // the longest prefix decides: /internal/other/ serves auth-service, not common-probe
        given().headers(signed("common-probe", "GET", "/internal/other/probe", "")).get("/internal/other/probe")
                .then().statusCode(403);
        given().headers(signed("auth-service", "GET", "/internal/other/probe", "")).get("/internal/other/probe")
                .then().statusCode(200).body("data", equalTo("other ok"));
        // names nobody configured are refused without growing anything
        for (int i = 0; i < 50; i++) {
            given().header(InternalSignature.CALLER_HEADER, "made-up-" + i).header(InternalSignature.SIGNATURE_HEADER,
                    "t=1;n=x;s=y").get("/internal/probe").then().statusCode(403);
        }
    }

    @InternalApi("common-probe")
    @Path("/internal/probe")
    public interface SelfClient {
        @POST
        @Path("/echo")
        @Consumes(MediaType.APPLICATION_JSON)
        DataEnvelope<Map<String, Object>> echo(Map<String, Object> body);
    }

    @Test
    void theRestClientSignsWhatItSends() throws Exception {
        SelfClient client = RestClientBuilder.newBuilder().baseUri(base).connectTimeout(5, TimeUnit.SECONDS)
                .build(SelfClient.class);
        assertEquals("from the client", client.echo(Map.of("title", "from the client")).data().get("title"));
        // twice: a fresh nonce each time
        assertEquals("again", client.echo(Map.of("title", "again")).data().get("title"));
    }
}
