package io.jansuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider-model and catalog routes behind the admin API, and their effect on routing. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class AdminProviderModelsTest {

    private final String user = TestTokens.user(TestTokens.newUserId());

    @Test
    void modelIsFoundByUpstreamIdAndByPmdlId() {
        String model = Internal.unique("find");
        String provider = Internal.simulatorWith(model);
        String id = Internal.admin().get("/internal/admin/provider-models/" + model).then().statusCode(200)
                .body("data.model_id", equalTo(model))
                .body("data.provider_id", equalTo(provider))
                .body("data.id", startsWith("pmdl_"))
                .extract().path("data.id");
        Internal.admin().get("/internal/admin/provider-models/" + id).then().statusCode(200)
                .body("data.model_id", equalTo(model));
        Internal.admin().get("/internal/admin/provider-models/nope-" + model).then().statusCode(404)
                .body("error.code", equalTo("provider_model_not_found"));
    }

    @Test
    void ambiguousUpstreamIdIs409WithTheCandidates() {
        String model = Internal.unique("amb");
        String a = Internal.simulatorWith(model);
        String b = Internal.simulatorWith(model);
        Internal.admin().get("/internal/admin/provider-models/" + model).then().statusCode(409)
                .body("error.type", equalTo("conflict_error"))
                .body("error.code", equalTo("ambiguous_model"))
                .body("error.details.candidates", hasSize(2))
                .body("error.details.candidates.id", hasItem(startsWith("pmdl_")));
        Internal.admin().body(Map.of("enabled", false)).patch("/internal/admin/provider-models/" + model)
                .then().statusCode(409);
        Internal.admin().queryParam("provider", a).get("/internal/admin/provider-models").then().statusCode(200)
                .body("data", hasSize(1)).body("total", equalTo(1)).body("data[0].provider_id", equalTo(a));
        Internal.admin().queryParam("provider", b).get("/internal/admin/provider-models").then()
                .body("data[0].provider_id", equalTo(b));
    }

    @Test
    void patchTakesEffectInRoutesAndReturnsBeforeAndAfter() {
        String model = Internal.unique("patch");
        Internal.simulatorWith(model);
        Internal.admin().body(Map.of("default_temperature", 0.7, "rate_limit", Map.of("requests_per_minute", 50),
                "tags", List.of("production", "high-quality")))
                .patch("/internal/admin/provider-models/" + model).then().statusCode(200)
                .body("data.before.default_temperature", equalTo(null))
                .body("data.after.default_temperature", equalTo(0.7f))
                .body("data.after.rate_limit.requests_per_minute", equalTo(50))
                .body("data.after.tags", equalTo(List.of("production", "high-quality")));
        Internal.inference().get("/internal/routes/" + model).then().statusCode(200)
                .body("data.targets[0].default_temperature", equalTo(0.7f))
                .body("data.targets[0].requests_per_minute", equalTo(50));

        Internal.admin().body(Map.of("enabled", false)).patch("/internal/admin/provider-models/" + model)
                .then().statusCode(200).body("data.before.enabled", equalTo(true)).body("data.after.enabled", equalTo(false));
        Internal.inference().get("/internal/routes/" + model).then().statusCode(404);
        given().auth().oauth2(user).get("/v1/models").then().body("data.id", not(hasItem(model)));
    }

    @Test
    void patchValidatesItsValues() {
        String model = Internal.unique("bad");
        Internal.simulatorWith(model);
        Internal.admin().body(Map.of("default_temperature", 2.5)).patch("/internal/admin/provider-models/" + model)
                .then().statusCode(400).body("error.param", equalTo("default_temperature"));
        Internal.admin().body(Map.of("rate_limit", Map.of("requests_per_minute", 0)))
                .patch("/internal/admin/provider-models/" + model)
                .then().statusCode(400).body("error.param", equalTo("rate_limit.requests_per_minute"));
    }

    @Test
    void pricesAreSetOnAProviderModelAndCarriedOnItsRoute() {
        String model = Internal.unique("price");
        Internal.simulatorWith(model);
        Internal.admin().body(Map.of("pricing", Map.of("input_per_million_usd", 0.15, "output_per_million_usd", 0.6),
                "reason", "list prices")).patch("/internal/admin/provider-models/" + model).then().statusCode(200)
                .body("data.before.pricing.input_per_million_usd", equalTo(null))
                .body("data.after.pricing.input_per_million_usd", equalTo(0.15f))
                .body("data.after.pricing.output_per_million_usd", equalTo(0.6f));
        Internal.inference().get("/internal/routes/" + model).then().statusCode(200)
                .body("data.targets[0].input_price_per_million_usd", equalTo(0.15f))
                .body("data.targets[0].output_price_per_million_usd", equalTo(0.6f));
        // a field left out keeps its value
        Internal.admin().body(Map.of("pricing", Map.of("output_per_million_usd", 2)))
                .patch("/internal/admin/provider-models/" + model).then().statusCode(200)
                .body("data.after.pricing.input_per_million_usd", equalTo(0.15f))
                .body("data.after.pricing.output_per_million_usd", equalTo(2));
    }

    @Test
    void negativeOrTooPrecisePricesAre400() {
        String model = Internal.unique("badprice");
        Internal.simulatorWith(model);
        Internal.admin().body(Map.of("pricing", Map.of("input_per_million_usd", -1)))
                .patch("/internal/admin/provider-models/" + model)
                .then().statusCode(400).body("error.param", equalTo("pricing.input_per_million_usd"));
        Internal.admin().body(Map.of("pricing", Map.of("output_per_million_usd", 0.1234567)))
                .patch("/internal/admin/provider-models/" + model)
                .then().statusCode(400).body("error.param", equalTo("pricing.output_per_million_usd"));
        Internal.inference().get("/internal/routes/" + model).then().statusCode(200)
                .body("data.targets[0].input_price_per_million_usd", equalTo(null));
    }

    @Test
    void bulkToggleDisablesModelsByEitherIdAndSkipsUnknownOnes() {
        String m1 = Internal.unique("bulk");
        String m2 = Internal.unique("bulk");
        Internal.simulatorWith(m1, m2);
        String id2 = Internal.admin().get("/internal/admin/provider-models/" + m2).then().extract().path("data.id");
        given().auth().oauth2(user).get("/v1/models").then().body("data.id", hasItem(m1));

        Internal.admin().body(Map.of("model_ids", List.of(m1, id2, "unknown-" + m1), "enabled", false, "reason", "test"))
                .post("/internal/admin/provider-models/bulk-toggle").then().statusCode(200)
                .body("data.count", equalTo(2))
                .body("data.changes.before", equalTo(List.of(true, true)))
                .body("data.changes.after", equalTo(List.of(false, false)));
        Internal.inference().get("/internal/routes/" + m1).then().statusCode(404);
        Internal.inference().get("/internal/routes/" + m2).then().statusCode(404);
        given().auth().oauth2(user).get("/v1/models").then().body("data.id", not(hasItem(m1)));
        Internal.admin().queryParam("enabled", "false").queryParam("limit", 100).get("/internal/admin/provider-models")
                .then().body("data.model_id", hasItem(m1));
    }

    @Test
    void catalogToggleHidesTheModelAndListsItsProviderModels() {
        String model = Internal.unique("cat");
        String provider = Internal.simulatorWith(model);
        Internal.admin().queryParam("provider", provider).get("/internal/admin/catalogs").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].public_id", equalTo(model))
                .body("data[0].enabled", equalTo(true))
                .body("data[0].models", hasSize(1))
                .body("data[0].models[0].provider_id", equalTo(provider));
        Internal.admin().body(Map.of("catalog_ids", List.of(model, "openai-gpt4"), "enabled", false, "reason", "Cost control"))
                .post("/internal/admin/catalogs/bulk-toggle").then().statusCode(200)
                .body("data.count", equalTo(1));
        Internal.inference().get("/internal/routes/" + model).then().statusCode(404);
        given().auth().oauth2(user).get("/v1/models/catalogs").then().body("data.id", not(hasItem(model)));
        Internal.admin().queryParam("enabled", "false").get("/internal/admin/catalogs").then()
                .body("public_id", not(hasItem(model))).body("data.public_id", hasItem(model));
    }

    @Test
    void catalogEntriesCanBeCreatedAndReorderedAcrossProviders() {
        String m = Internal.unique("alias-src");
        Internal.simulatorWith(m);
        Internal.simulatorWith(m);
        List<String> pmdls = Internal.admin().queryParam("limit", 100).get("/internal/admin/provider-models").then()
                .extract().path("data.findAll { it.model_id == '" + m + "' }.id");
        String alias = Internal.unique("alias");
        Internal.admin().body(Map.of("public_id", alias, "name", "Alias", "capabilities", List.of("tools"),
                "models", List.of(pmdls.get(1), pmdls.get(0))))
                .post("/internal/admin/catalogs").then().statusCode(201)
                .body("data.before", equalTo(null))
                .body("data.after.public_id", equalTo(alias))
                .body("data.after.models.id", equalTo(List.of(pmdls.get(1), pmdls.get(0))));
        Internal.inference().get("/internal/routes/" + alias).then().statusCode(200)
                .body("data.targets.provider_model_id", equalTo(List.of(pmdls.get(1), pmdls.get(0))));

        Internal.admin().body(Map.of("models", List.of(pmdls.get(0)), "context_window", 4096))
                .patch("/internal/admin/catalogs/" + alias).then().statusCode(200)
                .body("data.before.models", hasSize(2))
                .body("data.after.models.id", equalTo(List.of(pmdls.get(0))))
                .body("data.after.context_window", equalTo(4096));
        Internal.inference().get("/internal/routes/" + alias).then()
                .body("data.targets.provider_model_id", equalTo(List.of(pmdls.get(0))));

        Internal.admin().body(Map.of("public_id", alias, "models", List.of(pmdls.get(0))))
                .post("/internal/admin/catalogs").then().statusCode(409);
        Internal.admin().body(Map.of("models", List.of("pmdl_nope"))).patch("/internal/admin/catalogs/" + alias)
                .then().statusCode(400).body("error.param", equalTo("models[0]"));
        Internal.admin().body(Map.of("enabled", false)).patch("/internal/admin/catalogs/nope-" + alias)
                .then().statusCode(404).body("error.code", equalTo("catalog_not_found"));
    }

    @Test
    void badFilterValueIs400() {
        Internal.admin().queryParam("enabled", "maybe").get("/internal/admin/provider-models").then().statusCode(400)
                .body("error.param", equalTo("enabled"));
    }
}
