package io.jansuite.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.common.http.RawPaths;
import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.RawHttp;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Paths that reach a route only after normalisation are refused before any resource runs, on this
 * service's own port, whoever asks; the same corpus runs against every service of the suite in
 * system-tests' HostilePathsTest.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeAuthService.class)
class HostilePathsTest {

    /** Raw request targets an attacker sends to reach admin and internal routes around the checks. */
    static final List<String> CORPUS = List.of(
            "/q/../internal/probe", "/q/%2e%2e/internal/probe", "/q/%2E%2E/internal/probe", "/q/.%2e/internal/probe",
            "//internal/probe", "/internal//probe", "/./internal/probe", "/v1/public/../admin/probe",
            "/v1/public/%2e%2e/admin/probe", "//v1/admin/probe", "/v1//admin/probe", "/v1/%61dmin/probe",
            "/%69nternal/probe", "/v1/admin%2fprobe", "/v1/admin%2Fprobe", "/internal%2fprobe", "/v1/probe%00",
            "/internal/probe%00", "/v1/admin/probe%00.json", "/v1/admin;x=1/probe", "/internal;/probe",
            "/v1/admin/probe/..", "/v1/%5cadmin/probe",
            "/v1/admin/" + "a".repeat(3000), "/internal/" + "%41".repeat(500));

    private int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    @Test
    void hostilePathsAreRefusedWithInvalidPathWhoeverAsks() throws Exception {
        String guest = TestTokens.token(TestTokens.newUserId(), Set.of("user", "guest"), TestTokens.ISSUER,
                java.time.Instant.now().plusSeconds(600));
        String admin = TestTokens.admin("usr_admin_hostile");
        List<Map<String, String>> callers = List.of(Map.of(), Map.of("Authorization", "Bearer " + guest),
                Map.of("Authorization", "Bearer " + admin));
        for (String path : CORPUS) {
            for (Map<String, String> headers : callers) {
                for (String method : List.of("GET", "POST")) {
                    RawHttp.Reply reply = RawHttp.send(port(), method, path, headers, method.equals("POST") ? "{}" : null);
                    assertEquals(400, reply.status(), method + " " + path + " " + headers.keySet() + ": " + reply.body());
                    assertTrue(reply.body().startsWith("{"), method + " " + path + ": not the envelope: " + reply.body());
                    JsonObject error = new JsonObject(reply.body()).getJsonObject("error");
                    assertEquals("invalid_request_error", error.getString("type"), path);
                    assertEquals("invalid_path", error.getString("code"), path);
                }
            }
        }
    }

    @Test
    void aBackslashOrABrokenEscapeIsRefusedByTheHttpParserBeforeAnyRoute() throws Exception {
        assertEquals(400, RawHttp.send(port(), "GET", "/v1\\admin/probe", Map.of(), null).status());
        assertEquals(400, RawHttp.send(port(), "GET", "/v1/admin/%zzprobe", Map.of(), null).status());
    }

    @Test
    void canonicalPathsStillWork() throws Exception {
        assertEquals(200, RawHttp.send(port(), "GET", "/v1/public/probe", Map.of(), null).status());
        // an escape that is needed (a space) passes the guard and is routed as usual: no such route here
        assertEquals(404, RawHttp.send(port(), "GET", "/v1/public/probe%20x", Map.of(), null).status());
        assertEquals(200, RawHttp.send(port(), "GET", "/v1/public/probe?q=%2e%2e%2f", Map.of(), null).status(),
                "the query string is not a path");
    }

    @Test
    void nulInAJsonStringIs400NotA500() throws Exception {
        String token = TestTokens.user(TestTokens.newUserId());
        for (String route : List.of("/v1/probe", "/v1/probe/store", "/v1/probe/tree")) {
            RawHttp.Reply reply = RawHttp.send(port(), "POST", route, Map.of("Authorization", "Bearer " + token),
                    "{\"title\":\"a\\u0000b\",\"nested\":{\"x\":[\"\\u0000\"]}}");
            assertEquals(400, reply.status(), route + ": " + reply.body());
            JsonObject error = new JsonObject(reply.body()).getJsonObject("error");
            assertEquals("invalid_value", error.getString("code"));
            assertTrue(error.getString("message").contains("NUL"), error.getString("message"));
        }
    }

    @Test
    void theRuleItself() {
        for (String path : CORPUS) {
            assertFalse(RawPaths.problem(path) == null, path);
        }
        for (String ok : List.of("/", "/v1/models", "/v1/conversations/", "/v1/models/llama%203", "/v1/x/%C3%A9t%C3%A9",
                "/llm/auth/guest-login")) {
            assertEquals(null, RawPaths.problem(ok), ok);
        }
    }
}
