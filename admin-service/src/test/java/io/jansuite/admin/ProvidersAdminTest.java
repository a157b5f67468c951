package io.jansuite.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Providers through the admin API: the key goes to the catalog-service and nowhere else. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeCatalog.class)
class ProvidersAdminTest {

    private final String adminId = TestTokens.newUserId();
    private final String admin = TestTokens.admin(adminId);

    private static Map<String, Object> provider(String id, boolean hasKey) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("name", "openai-main");
        p.put("type", "openai");
        p.put("base_url", "https://api.openai.com/v1");
        p.put("enabled", true);
        p.put("has_api_key", hasKey);
        p.put("settings", Map.of());
        // A catalog that leaked the key must still not get it out of the admin API.
        p.put("api_key", "sk-leaked");
        return p;
    }

    @Test
    void createForwardsTheKeyAndReasonButNeverReturnsTheKey() {
        String key = "sk-secret-" + UUID.randomUUID();
        String id = "prov_" + UUID.randomUUID().toString().replace("-", "");
        Stubs.stub("POST", "/internal/admin/providers", 201, Stubs.change(null, provider(id, true)));
        String body = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "openai-main", "type", "openai", "base_url", "https://api.openai.com/v1",
                        "api_key", key, "enabled", true, "reason", "go live"))
                .post("/v1/admin/providers").then().statusCode(201)
                .body("data.id", equalTo(id))
                .body("data.has_api_key", equalTo(true))
                .body("data", not(hasKey("api_key")))
                .extract().asString();
        assertFalse(body.contains("sk-"), body);
        assertTrue(Stubs.last("POST", "/internal/admin/providers").getString("body").contains(key));

        // The catalog-service audits the change (its AdminAuditTest); it gets the admin and the reason.
        JsonPath forwarded = Stubs.last("POST", "/internal/admin/providers");
        assertEquals(adminId, forwarded.getString("actor"));
        assertTrue(forwarded.getString("body").contains("go live"), forwarded.prettify());
    }

    @Test
    void getAndListNeverShowAKey() {
        Stubs.stub("GET", "/internal/admin/providers", 200, Stubs.data(List.of(provider("prov_l", true))));
        Stubs.stub("GET", "/internal/admin/providers/prov_l", 200, Stubs.data(provider("prov_l", true)));
        assertFalse(given().auth().oauth2(admin).get("/v1/admin/providers").then().statusCode(200)
                .body("data[0].has_api_key", equalTo(true)).extract().asString().contains("sk-"));
        assertFalse(given().auth().oauth2(admin).get("/v1/admin/providers/prov_l").then().statusCode(200)
                .extract().asString().contains("sk-"));
    }

    @Test
    void invalidProviderIs400BeforeTheCatalog() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "type", "gemini", "base_url", "https://x.test"))
                .post("/v1/admin/providers").then().statusCode(400).body("error.param", equalTo("type"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("type", "openai"))
                .post("/v1/admin/providers").then().statusCode(400).body("error.param", equalTo("name"));
    }

    @Test
    void patchForwardsTheNewKeyAndTheActor() {
        Stubs.stub("PATCH", "/internal/admin/providers/prov_k", 200,
                Stubs.change(provider("prov_k", false), provider("prov_k", true)));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("api_key", "sk-new-one"))
                .patch("/v1/admin/providers/prov_k").then().statusCode(200).body("data.has_api_key", equalTo(true))
                .body("data", not(hasKey("api_key")));
        // The catalog-service audits the change (its AdminAuditTest); it gets the admin and the reason.
        JsonPath forwarded = Stubs.last("PATCH", "/internal/admin/providers/prov_k");
        assertEquals(adminId, forwarded.getString("actor"));
    }

    @Test
    void deleteIs204AndUnknownIs404() {
        Stubs.stub("DELETE", "/internal/admin/providers/prov_d", 200, Stubs.change(provider("prov_d", false), null));
        given().auth().oauth2(admin).queryParam("reason", "retired").delete("/v1/admin/providers/prov_d").then().statusCode(204);
        // The catalog-service audits the change (its AdminAuditTest); it gets the admin and the reason.
        JsonPath forwarded = Stubs.last("DELETE", "/internal/admin/providers/prov_d");
        assertEquals(adminId, forwarded.getString("actor"));
        assertTrue(forwarded.getString("query").contains("reason=retired"), forwarded.prettify());

        Stubs.stub("DELETE", "/internal/admin/providers/prov_gone", 404, Stubs.error("not_found_error",
                "provider_not_found", "No provider.", null, null));
        given().auth().oauth2(admin).delete("/v1/admin/providers/prov_gone").then().statusCode(404)
                .body("error.code", equalTo("provider_not_found"));
    }

    @Test
    void syncAnswersTheModels() {
        Stubs.stub("POST", "/internal/admin/providers/prov_s/sync", 200, Stubs.data(Map.of("provider", provider("prov_s", true),
                "imported", 1, "models", List.of(Stubs.model("pmdl_s", "llama-3", true)))));
        given().auth().oauth2(admin).queryParam("reason", "new models").post("/v1/admin/providers/prov_s/sync").then().statusCode(200)
                .body("data.imported", equalTo(1))
                .body("data.models[0].model_id", equalTo("llama-3"))
                .body("data.provider", not(hasKey("api_key")));
        // The catalog-service audits the change (its AdminAuditTest); it gets the admin and the reason.
        JsonPath forwarded = Stubs.last("POST", "/internal/admin/providers/prov_s/sync");
        assertEquals(adminId, forwarded.getString("actor"));
        assertTrue(forwarded.getString("query").contains("reason=new"), forwarded.prettify());
    }

    @Test
    void openApiDocumentsTheCreated201WithItsSchema() {
        JsonObject responses = new JsonObject(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString())
                .getJsonObject("paths").getJsonObject("/v1/admin/providers").getJsonObject("post").getJsonObject("responses");
        assertEquals("#/components/schemas/ProviderEnvelope", responses.getJsonObject("201").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        assertFalse(responses.containsKey("200"), responses.encode());
    }
}
