package io.jansuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /internal/routes/{model}} and {@code /internal/catalog/version} as the inference-service uses them. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RoutesTest {

    @Test
    void seededModelRoutesToTheSimulator() {
        Internal.inference().get("/internal/routes/gpt-4o").then().statusCode(200)
                .body("data.model", equalTo("gpt-4o"))
                .body("data.catalog_id", equalTo("gpt-4o"))
                .body("data.enabled", equalTo(true))
                .body("data.targets", hasSize(1))
                .body("data.targets[0].provider_type", equalTo("simulator"))
                .body("data.targets[0].provider_name", equalTo("simulator"))
                .body("data.targets[0].upstream_model", equalTo("gpt-4o"))
                .body("data.targets[0].api_key", nullValue())
                .body("data.targets[0].settings.ttft_ms", equalTo(150));
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        Internal.inference().get("/internal/routes/no-such-model").then().statusCode(404)
                .body("error.code", equalTo("model_not_found"));
    }

    @Test
    void internalRoutesRefuseUsersAndUnknownServices() {
        given().auth().oauth2(TestTokens.admin(TestTokens.newUserId())).get("/internal/routes/gpt-4o").then().statusCode(403);
        Internal.as("conversation-service").get("/internal/routes/gpt-4o").then().statusCode(403);
        given().header("X-Internal-Caller", "admin-service").header("X-Internal-Signature", "t=1;n=x;s=forged")
                .get("/internal/catalog/version").then().statusCode(403);
        // the admin-service's genuine signature does not open the inference-service's routes
        Internal.admin().get("/internal/routes/gpt-4o").then().statusCode(403);
    }

    @Test
    void onlyTheAdminServiceMayUseTheAdminRoutes() {
        Internal.inference().get("/internal/admin/providers").then().statusCode(403)
                .body("error.code", equalTo("internal_only"));
        Internal.inference().body(Map.of("enabled", false)).patch("/internal/admin/mcp-tools/scrape").then().statusCode(403);
        Internal.admin().get("/internal/admin/providers").then().statusCode(200);
    }

    @Test
    void targetsComeInPriorityOrderAndOnlyWhenEnabled() {
        String model = Internal.unique("multi");
        String first = Internal.simulatorWith(model);
        String second = Internal.simulatorWith(model);
        List<String> providers = Internal.inference().get("/internal/routes/" + model).then().statusCode(200)
                .extract().path("data.targets.provider_id");
        assertTrue(providers.equals(List.of(first, second)), "priority order: " + providers);

        Internal.admin().body(Map.of("enabled", false)).patch("/internal/admin/providers/" + first).then().statusCode(200);
        Internal.inference().get("/internal/routes/" + model).then().statusCode(200)
                .body("data.targets.provider_id", equalTo(List.of(second)));
    }

    @Test
    void everyChangeBumpsTheVersion() {
        long before = ((Number) Internal.inference().get("/internal/catalog/version").then().statusCode(200)
                .extract().path("data.version")).longValue();
        Internal.simulatorWith(Internal.unique("ver"));
        long after = ((Number) Internal.inference().get("/internal/catalog/version").then().statusCode(200)
                .extract().path("data.version")).longValue();
        assertTrue(after > before, before + " -> " + after);
    }
}
