package io.jansuite.system;

import static io.jansuite.system.Api.anonymous;
import static io.jansuite.system.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.restassured.response.Response;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The merged API reference the ingress serves (/openapi.json, /openapi.yaml, /docs) against the running suite:
 * a valid OpenAPI document, covering every route of the contract, and describing what the services really
 * answer (real responses validated against the schemas it declares).
 */
@Order(3)
class ApiReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every route of /work/shared/CONTRACT.md (path parameters by position, not by name). */
    static final List<String> CONTRACT_ROUTES = List.of(
            "POST /llm/auth/guest-login", "POST /llm/auth/refresh", "POST /llm/auth/refresh-token",
            "POST /llm/auth/revoke", "POST /llm/auth/register", "POST /llm/auth/login", "GET /llm/auth/me",
            "POST /llm/auth/api-keys", "GET /llm/auth/api-keys", "DELETE /llm/auth/api-keys/{}",
            "POST /v1/conversations", "GET /v1/conversations", "GET /v1/conversations/{}",
            "PATCH /v1/conversations/{}", "POST /v1/conversations/{}", "DELETE /v1/conversations/{}",
            "POST /v1/conversations/bulk-delete", "POST /v1/conversations/{}/share", "GET /v1/public/shares/{}",
            "DELETE /v1/conversations/{}/share/{}", "POST /v1/conversations/{}/items", "GET /v1/conversations/{}/items",
            "PATCH /v1/conversations/{}/items/{}", "POST /v1/conversations/{}/items/{}/regenerate",
            "DELETE /v1/conversations/{}/items/{}",
            "POST /v1/chat/completions", "GET /v1/models", "GET /v1/models/catalogs",
            "GET /v1/users/me/settings", "PATCH /v1/users/me/settings",
            "GET /v1/admin/models/provider-models", "GET /v1/admin/models/provider-models/{}",
            "PATCH /v1/admin/models/provider-models/{}", "POST /v1/admin/models/provider-models/bulk-toggle",
            "GET /v1/admin/models/catalogs", "POST /v1/admin/models/catalogs/bulk-toggle",
            "GET /v1/admin/providers", "POST /v1/admin/providers", "GET /v1/admin/providers/{}",
            "PATCH /v1/admin/providers/{}", "DELETE /v1/admin/providers/{}", "POST /v1/admin/providers/{}/sync",
            "GET /v1/admin/mcp-tools", "PATCH /v1/admin/mcp-tools/{}", "GET /v1/admin/audit-log");

    /**
     * Where the services' own documents are still wrong, with the resource method to fix. Each entry must
     * still be reproduced by this test (it fails when one is fixed, so the entry gets removed): a status the
     * operation really answers but does not declare (the body is then checked against the declared 2xx
     * schema), a 2xx response without a schema, a body its schema rejects, or a poor summary.
     */
    static final Map<String, String> KNOWN_GAPS = Map.ofEntries();

    private static JsonNode doc;
    private static final Set<String> seenGaps = new LinkedHashSet<>();
    private static final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void suite() throws Exception {
        RunningSuite.shared();
        Response r = anonymous().get("/openapi.json");
        assertEquals(200, r.statusCode(), r.asString());
        doc = JSON.readTree(r.asString());
    }

    @Test
    void documentIsValidOpenApiServedFromTheIngress() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(doc.toString(), null, options);
        assertNotNull(result.getOpenAPI());
        assertEquals(List.of(), result.getMessages());
        assertEquals(RunningSuite.BASE, doc.at("/servers/0/url").asText());
        assertTrue(doc.at("/components/securitySchemes").has("bearer"));
        assertTrue(doc.at("/components/securitySchemes").has("apiKey"));
        Set<String> ids = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(p -> {
            assertTrue(!p.getKey().startsWith("/internal"), p.getKey());
            operations(p.getValue()).forEach((m, op) ->
                    assertTrue(ids.add(op.path("operationId").asText()), "duplicate operationId " + op.get("operationId")));
        });
    }

    @Test
    void yamlAndSwaggerUiAreServedToo() {
        Response yaml = anonymous().get("/openapi.yaml");
        assertEquals(200, yaml.statusCode());
        SwaggerParseResult parsed = new OpenAPIParser().readContents(yaml.asString(), null, new ParseOptions());
        assertEquals(doc.get("paths").size(), parsed.getOpenAPI().getPaths().size());
        Response ui = anonymous().get("/docs");
        assertEquals(200, ui.statusCode());
        assertTrue(ui.asString().contains("/openapi.json") && ui.asString().contains("persistAuthorization: true"));
        assertEquals(200, anonymous().get("/docs/swagger-ui-bundle.js").statusCode());
    }

    @Test
    void coversEveryRouteOfTheContract() {
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> operations(p.getValue())
                .keySet().forEach(m -> documented.add(m.toUpperCase() + " " + normalize(p.getKey()))));
        List<String> missing = CONTRACT_ROUTES.stream().filter(r -> !documented.contains(r)).toList();
        assertEquals(List.of(), missing, "contract routes missing from /openapi.json");
    }

    @Test
    void everyOperationHasASummaryItsSchemasAndItsErrors() {
        List<String> found = new ArrayList<>();
        Set<String> gaps = new LinkedHashSet<>();
        doc.get("paths").fields().forEachRemaining(p -> operations(p.getValue()).forEach((method, op) -> {
            String key = method.toUpperCase() + " " + normalize(p.getKey());
            String summary = op.path("summary").asText("");
            if (summary.isBlank() || !summary.strip().contains(" ")) {
                gap(gaps, found, "summary " + key, key + ": poor summary '" + summary + "'");
            }
            JsonNode responses = op.path("responses");
            boolean success = false;
            for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
                String code = codes.next();
                if (!code.startsWith("2")) {
                    continue;
                }
                success = true;
                JsonNode schema = responses.get(code).at("/content/application~1json/schema");
                if (!code.equals("204") && (schema.isMissingNode() || schema.isEmpty())) {
                    gap(gaps, found, "no schema " + key, key + ": " + code + " has no schema");
                } else if (schema.toString().contains("schemas/Buffer")) {
                    gap(gaps, found, "internal schema " + key, key + ": " + code + " schema is a server-internal type");
                }
            }
            if (!success) {
                found.add(key + ": no 2xx response");
            }
            boolean open = p.getKey().startsWith("/v1/public/") || p.getKey().startsWith("/.well-known/")
                    || op.has("security") && op.get("security").isEmpty();
            for (String code : open ? List.of("400", "404", "500") : List.of("400", "401", "404", "500")) {
                String ref = responses.at("/" + code + "/content/application~1json/schema/$ref").asText("");
                if (!ref.endsWith("/ErrorEnvelope")) {
                    found.add(key + ": no " + code + " ErrorEnvelope response");
                }
            }
        }));
        assertEquals(List.of(), found);
        Set<String> stale = new TreeSet<>(KNOWN_GAPS.keySet());
        stale.removeIf(g -> g.startsWith("status ") || g.startsWith("body "));
        stale.removeAll(gaps);
        assertEquals(Set.of(), stale, "known gaps no longer seen: remove them from KNOWN_GAPS");
    }

    @Test
    void realResponsesMatchTheDeclaredSchemas() {
        String token = Api.guestToken();
        String admin = Api.adminToken();
        check("POST", "/llm/auth/guest-login", anonymous().post("/llm/auth/guest-login"));
        check("GET", "/llm/auth/me", as(token).get("/llm/auth/me"));
        Response key = as(token).body(Map.of("name", "api reference", "scopes", List.of("read")))
                .post("/llm/auth/api-keys");
        check("POST", "/llm/auth/api-keys", key);
        check("GET", "/llm/auth/api-keys", as(token).get("/llm/auth/api-keys"));
        check("DELETE", "/llm/auth/api-keys/{}", as(token).delete("/llm/auth/api-keys/" + key.path("data.id")));

        Response conversation = as(token).body(Map.of("title", "Reference", "metadata", Map.of("topic", "api")))
                .post("/v1/conversations");
        String id = conversation.path("data.id");
        check("POST", "/v1/conversations", conversation);
        check("GET", "/v1/conversations", as(token).get("/v1/conversations?limit=5"));
        check("POST", "/v1/conversations/{}/items", as(token)
                .body(Map.of("role", "user", "content", "Hello")).post("/v1/conversations/" + id + "/items"));
        check("GET", "/v1/conversations/{}/items", as(token).get("/v1/conversations/" + id + "/items"));
        check("GET", "/v1/conversations/{}", as(token).get("/v1/conversations/" + id));
        Response share = as(token).body(Map.of()).post("/v1/conversations/" + id + "/share");
        check("POST", "/v1/conversations/{}/share", share);
        check("GET", "/v1/public/shares/{}", anonymous().get("/v1/public/shares/" + share.path("data.slug")));

        String item = as(token).get("/v1/conversations/" + id + "/items").path("data[0].id");
        check("GET", "/v1/conversations/{}/items/{}", as(token).get("/v1/conversations/" + id + "/items/" + item));
        check("PATCH", "/v1/conversations/{}/items/{}", as(token).body(Map.of("content", "Hello again"))
                .patch("/v1/conversations/" + id + "/items/" + item));
        check("PATCH", "/v1/conversations/{}", as(token).body(Map.of("title", "Renamed")).patch("/v1/conversations/" + id));
        check("GET", "/v1/conversations/{}/shares", as(token).get("/v1/conversations/" + id + "/shares"));
        check("DELETE", "/v1/conversations/{}/share/{}",
                as(token).delete("/v1/conversations/" + id + "/share/" + share.path("data.id")));
        check("POST", "/v1/chat/completions", as(token).body(Map.of("model", "jan-v2-30b",
                "messages", List.of(Map.of("role", "user", "content", "One word, please.")))).post("/v1/chat/completions"));
        check("DELETE", "/v1/conversations/{}/items/{}", as(token).delete("/v1/conversations/" + id + "/items/" + item));
        check("POST", "/v1/conversations/bulk-delete", as(token).body(Map.of("conversation_ids", List.of(id)))
                .post("/v1/conversations/bulk-delete"));
        Map<String, Object> guest = Api.guest();
        check("POST", "/llm/auth/refresh", anonymous().contentType("application/json")
                .body(Map.of("refresh_token", guest.get("refresh_token"))).post("/llm/auth/refresh"));

        check("GET", "/v1/models", as(token).get("/v1/models"));
        check("GET", "/v1/models/catalogs", as(token).get("/v1/models/catalogs"));
        check("GET", "/v1/users/me/settings", as(token).get("/v1/users/me/settings"));
        check("PATCH", "/v1/users/me/settings", as(token)
                .body(Map.of("profile_settings", Map.of("nick_name", "Ref"))).patch("/v1/users/me/settings"));

        check("GET", "/v1/admin/models/provider-models", as(admin).get("/v1/admin/models/provider-models"));
        check("GET", "/v1/admin/models/catalogs", as(admin).get("/v1/admin/models/catalogs"));
        check("GET", "/v1/admin/providers", as(admin).get("/v1/admin/providers"));
        check("GET", "/v1/admin/models/provider-models/{}", as(admin).get("/v1/admin/models/provider-models/gpt-4o-mini"));
        check("GET", "/v1/admin/mcp-tools", as(admin).get("/v1/admin/mcp-tools"));
        check("GET", "/v1/admin/audit-log", as(admin).get("/v1/admin/audit-log?limit=5"));

        check("GET", "/v1/conversations/{}", as(token).get("/v1/conversations/conv_doesnotexist"));
        check("GET", "/v1/conversations", anonymous().get("/v1/conversations"));
        check("POST", "/v1/conversations", as(token).body("{\"title\": ").post("/v1/conversations"));
        check("GET", "/v1/admin/providers", as(token).get("/v1/admin/providers"));

        assertEquals(List.of(), problems, "responses that do not match /openapi.json");
        Set<String> stale = new TreeSet<>(KNOWN_GAPS.keySet());
        stale.removeIf(g -> !g.startsWith("status ") && !g.startsWith("body "));
        stale.removeAll(seenGaps);
        assertEquals(Set.of(), stale, "known gaps no longer seen: remove them from KNOWN_GAPS");
    }

    /** Validates one real response against the operation's declared response for its status. */
    private static void check(String method, String template, Response response) {
        String key = method + " " + template;
        JsonNode op = operation(method, template);
        if (op == null) {
            problems.add(key + ": not in the document");
            return;
        }
        String status = String.valueOf(response.statusCode());
        JsonNode declared = op.path("responses").get(status);
        if (declared == null) {
            String gap = "status " + status + " " + key;
            if (!KNOWN_GAPS.containsKey(gap)) {
                problems.add(key + ": answered " + status + ", which the document does not declare");
                return;
            }
            seenGaps.add(gap);
            status = firstSuccess(op);
            declared = op.path("responses").get(status);
        }
        JsonNode schema = declared.at("/content/application~1json/schema");
        String body = response.asString();
        if (KNOWN_GAPS.containsKey("internal schema " + key)) {
            return; // nothing meaningful to validate against
        }
        if (schema.isMissingNode() || schema.isEmpty()) {
            if (!body.isBlank() && !KNOWN_GAPS.containsKey("no schema " + key)) {
                problems.add(key + ": " + status + " has a body but the document declares no schema");
            }
            return;
        }
        try {
            Set<ValidationMessage> errors = validator(schema).validate(JSON.readTree(body));
            if (!errors.isEmpty() && KNOWN_GAPS.containsKey("body " + key)) {
                seenGaps.add("body " + key);
            } else if (!errors.isEmpty()) {
                problems.add(key + " " + response.statusCode() + ": " + errors + " in " + abbreviate(body));
            }
        } catch (Exception e) {
            problems.add(key + ": body is not JSON: " + abbreviate(body));
        }
    }

    /** The whole document as the schema root (so #/components/... resolves), pointing at one schema. */
    private static JsonSchema validator(JsonNode schema) {
        ObjectNode root = doc.deepCopy();
        root.set("x-checked", schema);
        root.put("$ref", "#/x-checked");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    private static JsonNode operation(String method, String template) {
        String key = pathKey(template);
        return key == null ? null : doc.get("paths").get(key).get(method.toLowerCase());
    }

    /** The document's path whose template matches (parameter names ignored). */
    private static String pathKey(String template) {
        for (Iterator<String> it = doc.get("paths").fieldNames(); it.hasNext(); ) {
            String path = it.next();
            if (normalize(path).equals(normalize(template))) {
                return path;
            }
        }
        return null;
    }

    private static String firstSuccess(JsonNode op) {
        for (Iterator<String> it = op.path("responses").fieldNames(); it.hasNext(); ) {
            String code = it.next();
            if (code.startsWith("2")) {
                return code;
            }
        }
        return "200";
    }

    private static void gap(Set<String> gaps, List<String> found, String gap, String problem) {
        if (KNOWN_GAPS.containsKey(gap)) {
            gaps.add(gap);
        } else {
            found.add(problem);
        }
    }

    private static Map<String, JsonNode> operations(JsonNode pathItem) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String m : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
            if (pathItem.has(m)) {
                out.put(m, pathItem.get(m));
            }
        }
        return out;
    }

    static String normalize(String template) {
        return template.replaceAll("\\{[^}/]*}", "{}");
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
