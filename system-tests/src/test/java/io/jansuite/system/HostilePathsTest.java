package io.jansuite.system;

import static io.jansuite.system.Api.as;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.RawHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An attacker who reaches a service's own port (any pod in the cluster; anyone behind an ingress that
 * forwards raw URIs) with a path that only becomes a protected route after normalisation gets 400, 401,
 * 403 or 404 in the envelope, whatever credential they hold, and changes nothing.
 */
class HostilePathsTest {

    private static final String SECRET = "sk-hostile-paths-provider-secret-0123456789";
    private static final String MODEL = "claude-3-5-sonnet-20241022";
    private static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404);

    private record Target(int port, String method, String path, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String admin;
    private static String guest;
    private static String readKey;

    @BeforeAll
    static void suite() throws Exception {
        RunningSuite.shared();
        admin = Api.adminToken();
        guest = Api.guestToken();
        readKey = (String) Api.apiKey(guest, "read").get("key");
        as(admin).body(Map.of("name", "hostile-paths", "type", "openai", "base_url", "http://127.0.0.1:9/v1",
                "api_key", SECRET, "models", List.of(Map.of("model_id", "hostile-probe-model"))))
                .post("/v1/admin/providers").then().statusCode(201);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String errorCode(String body) throws Exception {
        return JSON.readTree(body).path("error").path("code").asText();
    }

    private static int port(int base) {
        return base + RunningSuite.PORT_OFFSET;
    }

    /** The protected routes of each service, as their canonical paths. */
    private static List<Target> protectedRoutes() {
        String toggle = json(Map.of("model_ids", List.of(MODEL), "enabled", false, "reason", "hostile"));
        return List.of(
                new Target(port(8081), "GET", "/internal/revocations?after=0", null),
                new Target(port(8081), "POST", "/internal/api-keys/verify", json(Map.of("key", readKey))),
                new Target(port(8082), "GET", "/internal/conversations/conv_x/messages", null),
                new Target(port(8082), "GET", "/internal/conversations/search?q=x", null),
                new Target(port(8083), "GET", "/internal/usage/totals", null),
                new Target(port(8083), "GET", "/internal/admin/quotas/roles", null),
                new Target(port(8083), "PUT", "/internal/admin/quotas/roles/guest",
                        json(Map.of("requests_per_minute", 1))),
                new Target(port(8084), "GET", "/internal/mcp-servers", null),
                new Target(port(8084), "GET", "/internal/routes/hostile-probe-model", null),
                new Target(port(8084), "GET", "/internal/admin/providers", null),
                new Target(port(8084), "POST", "/internal/admin/provider-models/bulk-toggle", toggle),
                new Target(port(8085), "GET", "/v1/admin/providers", null),
                new Target(port(8085), "PUT", "/v1/admin/quotas/roles/guest", json(Map.of("requests_per_minute", 1))),
                new Target(port(8085), "POST", "/v1/admin/models/provider-models/bulk-toggle", toggle));
    }

    /** Spellings of a canonical path that normalise to it (or to a neighbour of it). */
    static List<String> hostileSpellings(String canonical) {
        int q = canonical.indexOf('?');
        String path = q < 0 ? canonical : canonical.substring(0, q);
        String query = q < 0 ? "" : canonical.substring(q);
        String[] segments = path.substring(1).split("/");
        String first = segments[0];
        String rest = path.substring(first.length() + 1);
        String second = segments.length > 1 ? segments[1] : "";
        List<String> out = new ArrayList<>(List.of(
                "/q/.." + path, "/q/%2e%2e" + path, "/q/%2E%2E" + path, "/q/.%2e" + path, "/" + path,
                "/" + first + "/" + rest, "/./" + path.substring(1), "/" + first + "/x/.." + rest,
                "/%" + Integer.toHexString(first.charAt(0)) + first.substring(1) + rest,
                path + "%00", path + "/%00", "/" + first + "%2f" + rest.substring(1), "/" + first + "%2F" + rest.substring(1),
                "/" + first + ";x=1" + rest, path + "/..", path + "/.", "/" + first + "/" + "%2e" + "/" + rest.substring(1),
                path + "/" + "a".repeat(3000)));
        if (!second.isEmpty()) {
            out.add("/" + first + "/%" + Integer.toHexString(second.charAt(0)) + second.substring(1)
                    + rest.substring(second.length() + 1));
        }
        if (path.startsWith("/v1/")) {
            out.add("/v1/public/.." + path.substring(3));
            out.add("/v1/public/%2e%2e" + path.substring(3));
        }
        return out.stream().map(p -> p + query).toList();
    }

    @Test
    void hostileSpellingsOfProtectedRoutesAreRefusedOnEveryServicePortWhoeverAsks() throws Exception {
        List<Map<String, String>> callers = List.of(Map.of(), Map.of("Authorization", "Bearer " + guest),
                Map.of("X-API-Key", readKey));
        int sent = 0;
        for (Target target : protectedRoutes()) {
            for (String spelling : hostileSpellings(target.path())) {
                for (Map<String, String> caller : callers) {
                    RawHttp.Reply reply = RawHttp.send(target.port(), target.method(), spelling, caller, target.body());
                    String what = target.method() + " :" + target.port() + spelling + " " + caller.keySet();
                    assertTrue(REFUSALS.contains(reply.status()), what + " -> " + reply.status() + " " + reply.body());
                    assertTrue(reply.body().startsWith("{\"error\""), what + ": not the envelope: " + reply.body());
                    assertFalse(reply.body().contains(SECRET), what + " leaked the provider key");
                    sent++;
                }
            }
            // the canonical path itself, without the internal credential or the admin role, is refused too
            for (Map<String, String> caller : callers) {
                RawHttp.Reply reply = RawHttp.send(target.port(), target.method(), target.path(), caller, target.body());
                assertTrue(Set.of(401, 403).contains(reply.status()), target + " " + caller.keySet() + " -> " + reply.body());
                assertFalse(reply.body().contains(SECRET));
            }
        }
        assertTrue(sent > 400, "the corpus was sent: " + sent);
        // nothing changed: the model is still served, and no admin change was made or audited
        as(guest).get("/v1/models").then().statusCode(200).body("data.id", hasItem(MODEL));
        as(admin).get("/v1/admin/audit-log?limit=50").then().statusCode(200)
                .body("data.reason", org.hamcrest.Matchers.not(hasItem("hostile")));
    }

    @Test
    void nulInAPathOrAJsonStringIs400OnEveryService() throws Exception {
        String conversation = "{\"title\":\"a\\u0000b\"}";
        RawHttp.Reply viaIngress = RawHttp.send(8000 + RunningSuite.PORT_OFFSET, "POST", "/v1/conversations",
                Map.of("Authorization", "Bearer " + guest), conversation);
        assertEquals(400, viaIngress.status(), viaIngress.body());
        RawHttp.Reply direct = RawHttp.send(port(8082), "POST", "/v1/conversations",
                Map.of("Authorization", "Bearer " + guest), conversation);
        assertEquals(400, direct.status(), direct.body());
        assertEquals("invalid_value", errorCode(direct.body()));
        RawHttp.Reply completion = RawHttp.send(port(8083), "POST", "/v1/chat/completions",
                Map.of("Authorization", "Bearer " + guest),
                "{\"model\":\"jan-v2-30b\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\u0000b\"}]}");
        assertEquals(400, completion.status(), completion.body());
        assertEquals("invalid_value", errorCode(completion.body()));
        for (int base : new int[] { 8081, 8082, 8083, 8084, 8085 }) {
            RawHttp.Reply reply = RawHttp.send(port(base), "GET", "/v1/models%00", Map.of(), null);
            assertEquals(400, reply.status(), base + ": " + reply.body());
            assertEquals("invalid_path", errorCode(reply.body()));
        }
    }
}
