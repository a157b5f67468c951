package io.jansuite.localsuite.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.routes.RouteTable;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The merger on two small documents: route filtering, internal routes, colliding components and ids. */
class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RouteTable ROUTES = RouteTable.parse(List.of(
            "/v1/alpha\talpha-service\t1",
            "/v1/beta\tbeta-service\t2",
            "/v1/alpha/beta-owned\tbeta-service\t2"));

    private static final String ALPHA = """
            {"openapi": "3.1.0", "info": {"title": "alpha-service", "version": "1.2.3", "description": "Alphas"},
             "security": [{"bearer": []}],
             "tags": [{"name": "Alpha"}],
             "paths": {
               "/v1/alpha": {"get": {"operationId": "list", "summary": "List alphas", "tags": ["Alpha"],
                 "responses": {"200": {"description": "OK", "content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/Envelope"}}}},
                   "404": {"description": "Not found", "content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}}}}},
               "/v1/alpha/beta-owned": {"get": {"operationId": "stolen", "summary": "Not alpha's",
                 "responses": {"200": {"description": "OK"}}}},
               "/v1/beta/{id}": {"get": {"operationId": "alsoStolen", "summary": "Not alpha's either",
                 "responses": {"200": {"description": "OK"}}}},
               "/internal/alpha/{id}": {"get": {"operationId": "internal", "summary": "Internal",
                 "responses": {"200": {"description": "OK", "content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/InternalOnly"}}}}}}}
             },
             "components": {
               "schemas": {
                 "Thing": {"type": "object", "properties": {"a": {"type": "string"}}},
                 "Envelope": {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/Thing"}}},
                 "ErrorEnvelope": {"type": "object", "properties": {"error": {"type": "object"}}},
                 "InternalOnly": {"type": "object"}
               },
               "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
             }}
            """;

    private static final String BETA = """
            {"openapi": "3.1.0", "info": {"title": "beta-service", "version": "1.2.3"},
             "security": [{"bearer": []}],
             "paths": {
               "/v1/beta/{id}": {"get": {"operationId": "list", "summary": "One beta",
                 "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "responses": {"200": {"description": "OK", "content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/Envelope"}}}},
                   "404": {"description": "Not found", "content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}}}}},
               "/v1/alpha/beta-owned": {"post": {"operationId": "own", "summary": "Beta's route under /v1/alpha",
                 "responses": {"201": {"description": "Created", "content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}
             },
             "components": {
               "schemas": {
                 "Thing": {"type": "object", "properties": {"b": {"type": "integer"}}},
                 "Envelope": {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/Thing"}}},
                 "ErrorEnvelope": {"type": "object", "properties": {"error": {"type": "object"}}}
               },
               "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
             }}
            """;

    private static ObjectNode merged() throws Exception {
        return new OpenApiMerger(ROUTES).merge(List.of(
                new OpenApiMerger.ServiceDocument("alpha-service", JSON.readTree(ALPHA)),
                new OpenApiMerger.ServiceDocument("beta-service", JSON.readTree(BETA))), "http://localhost:8000");
    }

    @Test
    void keepsOnlyThePathsTheRouteTableSendsToEachService() throws Exception {
        JsonNode paths = merged().get("paths");
        List<String> names = new ArrayList<>();
        paths.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("/v1/alpha", "/v1/alpha/beta-owned", "/v1/beta/{id}"), names);
        assertEquals("own", paths.at("/~1v1~1alpha~1beta-owned/post/operationId").asText());
        assertTrue(paths.at("/~1v1~1alpha~1beta-owned/get").isMissingNode(), "alpha's copy of beta's route is dropped");
        assertEquals("One beta", paths.at("/~1v1~1beta~1{id}/get/summary").asText());
    }

    @Test
    void dropsInternalRoutesAndTheComponentsOnlyTheyUse() throws Exception {
        ObjectNode doc = merged();
        assertFalse(doc.get("paths").toString().contains("/internal"));
        assertFalse(doc.at("/components/schemas").has("InternalOnly"));
    }

    @Test
    void renamesDifferingComponentsPerServiceAndSharesIdenticalOnes() throws Exception {
        ObjectNode doc = merged();
        JsonNode schemas = doc.at("/components/schemas");
        assertEquals("string", schemas.at("/Thing/properties/a/type").asText());
        assertEquals("integer", schemas.at("/BetaThing/properties/b/type").asText());
        // Envelope is identical text in both, but refers to a renamed Thing in beta, so it differs too
        assertEquals("#/components/schemas/BetaThing", schemas.at("/BetaEnvelope/properties/data/$ref").asText());
        assertEquals("#/components/schemas/Thing", schemas.at("/Envelope/properties/data/$ref").asText());
        assertEquals("#/components/schemas/BetaEnvelope",
                doc.at("/paths/~1v1~1beta~1{id}/get/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/BetaThing",
                doc.at("/paths/~1v1~1alpha~1beta-owned/post/responses/201/content/application~1json/schema/$ref").asText());
        assertTrue(schemas.has("ErrorEnvelope"));
        assertFalse(schemas.has("BetaErrorEnvelope"), "identical components are shared");
        assertEquals("#/components/schemas/ErrorEnvelope",
                doc.at("/paths/~1v1~1beta~1{id}/get/responses/404/content/application~1json/schema/$ref").asText());
    }

    @Test
    void operationIdsAreUniqueAcrossServices() throws Exception {
        ObjectNode doc = merged();
        assertEquals("alphaList", doc.at("/paths/~1v1~1alpha/get/operationId").asText());
        assertEquals("betaList", doc.at("/paths/~1v1~1beta~1{id}/get/operationId").asText());
    }

    @Test
    void everyReferenceResolvesAndServersAreTheIngress() throws Exception {
        ObjectNode doc = merged();
        assertEquals("http://localhost:8000", doc.at("/servers/0/url").asText());
        assertEquals("bearer", doc.at("/security/0").fieldNames().next());
        assertNotNull(doc.at("/components/securitySchemes/bearer").get("scheme"));
        Set<String> refs = new HashSet<>();
        doc.findValues("$ref").forEach(r -> refs.add(r.asText()));
        for (String ref : refs) {
            assertFalse(doc.at(ref.substring(1)).isMissingNode(), "dangling " + ref);
        }
    }

    @Test
    void resultIsValidOpenApi() throws Exception {
        String json = JSON.writeValueAsString(merged());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(json, null, options);
        assertNotNull(result.getOpenAPI(), "parsed");
        assertEquals(List.of(), result.getMessages());
        assertEquals(3, result.getOpenAPI().getPaths().size());
    }

    @Test
    void servicePrefixes() {
        assertEquals("Catalog", OpenApiMerger.servicePrefix("catalog-service", true));
        assertEquals("conversation", OpenApiMerger.servicePrefix("conversation-service", false));
        assertEquals("myThing", OpenApiMerger.servicePrefix("my-thing", false));
    }
}
