package io.jansuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jansuite.catalog.config.CatalogBootstrap;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up content: the simulator's models once, and the providers of app.providers (PROVIDERS_JSON). */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class BootstrapTest {

    @Inject
    CatalogBootstrap bootstrap;

    @Test
    void configuredProvidersAreCreatedWithTheirModelsAndEncryptedKey() throws Exception {
        Internal.inference().get("/internal/routes/cfg-model").then().statusCode(200)
                .body("data.targets[0].provider_name", equalTo("configured-openai"))
                .body("data.targets[0].api_key", equalTo("sk-configured"))
                .body("data.targets[0].base_url", equalTo("https://api.example.test/v1"));
        given().auth().oauth2(TestTokens.user(TestTokens.newUserId())).queryParam("capability", "tools")
                .get("/v1/models/catalogs").then()
                .body("data.find { it.id == 'cfg-big' }.name", equalTo("Configured Big"))
                .body("data.find { it.id == 'cfg-big' }.context_window", equalTo(32768));
        String id = Internal.inference().get("/internal/routes/cfg-model").then().extract().path("data.targets[0].provider_id");
        assertFalse(AdminProvidersTest.column("select api_key_enc from catalog.providers where id = ?", id).contains("sk-configured"));
    }

    @Test
    void aRestartKeepsWhatAnAdminChanged() throws Throwable {
        String id = Internal.admin().get("/internal/admin/provider-models/claude-3-5-sonnet-20241022").then().statusCode(200)
                .extract().path("data.id");
        List<String> providersBefore = Internal.admin().get("/internal/admin/providers").then().extract().path("data.id");
        Internal.admin().body(Map.of("tags", List.of("restart-check"))).patch("/internal/admin/provider-models/" + id)
                .then().statusCode(200);
        Internal.admin().body(Map.of("catalog_ids", List.of("gpt-4o"), "enabled", false))
                .post("/internal/admin/catalogs/bulk-toggle").then().statusCode(200);
        try {
            bootstrap.apply();

            assertEquals(providersBefore, Internal.admin().get("/internal/admin/providers").then().extract().path("data.id"));
            Internal.admin().get("/internal/admin/provider-models/" + id).then().statusCode(200)
                    .body("data.tags", equalTo(List.of("restart-check")));
            given().auth().oauth2(TestTokens.user(TestTokens.newUserId())).get("/v1/models").then()
                    .body("data.id", not(hasItem("gpt-4o")))
                    .body("data.id", hasItem("gpt-4o-mini"));
        } finally {
            Internal.admin().body(Map.of("catalog_ids", List.of("gpt-4o"), "enabled", true))
                    .post("/internal/admin/catalogs/bulk-toggle").then().statusCode(200);
        }
    }
}
