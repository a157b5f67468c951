package io.jansuite.admin;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Drives {@link FakeCatalog} from the tests, and builds the catalog-service's answers. */
final class Stubs {

    private Stubs() {
    }

    private static String base() {
        return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("fake-catalog.port", String.class);
    }

    static void stub(String method, String path, int status, Object body) {
        Map<String, Object> stub = new HashMap<>();
        stub.put("method", method);
        stub.put("path", path);
        stub.put("status", status);
        stub.put("body", body);
        given().baseUri(base()).contentType(ContentType.JSON).body(stub).post("/control/stub").then().statusCode(200);
    }

    /** Appends an entry to the catalog's audit feed, as the catalog-service writes one with a change. */
    static void auditEvent(String actor, String action, String targetType, List<String> targetIds, String reason,
            Object before, Object after, String requestId) {
        Map<String, Object> e = new HashMap<>();
        e.put("actor_user_id", actor);
        e.put("action", action);
        e.put("target_type", targetType);
        e.put("target_ids", targetIds);
        e.put("reason", reason);
        e.put("before", before);
        e.put("after", after);
        e.put("request_id", requestId);
        e.put("created_at", java.time.Instant.now().toString());
        given().baseUri(base()).contentType(ContentType.JSON).body(e).post("/control/audit-event").then().statusCode(200);
    }

    /** Appends an entry to the inference-service's audit feed of quota changes. */
    static void quotaAuditEvent(String actor, String action, String targetType, List<String> targetIds, Object before,
            Object after) {
        Map<String, Object> e = new HashMap<>();
        e.put("actor_user_id", actor);
        e.put("action", action);
        e.put("target_type", targetType);
        e.put("target_ids", targetIds);
        e.put("before", before);
        e.put("after", after);
        e.put("created_at", java.time.Instant.now().toString());
        given().baseUri(base()).contentType(ContentType.JSON).body(e).post("/control/quota-audit-event").then()
                .statusCode(200);
    }

    /** The status the catalog's audit feed answers with (200: up). */
    static void auditFeed(int status) {
        given().baseUri(base()).contentType(ContentType.JSON).body(Map.of("status", status)).post("/control/audit-feed")
                .then().statusCode(200);
    }

    static JsonPath last(String method, String path) {
        return given().baseUri(base()).queryParam("key", method + " " + path).get("/control/last").jsonPath();
    }

    static Map<String, Object> model(String id, String modelId, boolean enabled) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("model_id", modelId);
        m.put("provider", "simulator");
        m.put("provider_id", "prov_sim");
        m.put("provider_type", "simulator");
        m.put("enabled", enabled);
        m.put("context_window", 128000);
        m.put("capabilities", List.of("chat"));
        m.put("default_temperature", null);
        m.put("rate_limit", Map.of());
        m.put("tags", List.of());
        m.put("created_at", "2026-01-01T00:00:00Z");
        m.put("updated_at", "2026-01-01T00:00:00Z");
        return m;
    }

    static Map<String, Object> data(Object data) {
        Map<String, Object> d = new HashMap<>();
        d.put("data", data);
        return d;
    }

    static Map<String, Object> change(Object before, Object after) {
        Map<String, Object> c = new HashMap<>();
        c.put("before", before);
        c.put("after", after);
        return data(c);
    }

    static Map<String, Object> error(String type, String code, String message, String param, Map<String, Object> details) {
        Map<String, Object> e = new HashMap<>();
        e.put("type", type);
        e.put("code", code);
        e.put("message", message);
        e.put("param", param);
        if (details != null) {
            e.put("details", details);
        }
        return Map.of("error", e);
    }
}
