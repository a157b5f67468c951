package io.jansuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.jansuite.common.auth.ApiKeyFormat;
import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/models/{id}} in OpenAI's shape, and what an API key limited to some models sees. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeAuthService.class)
class ModelLookupTest {

    private final String user = TestTokens.user(TestTokens.newUserId());

    @Test
    void aModelIsRetrievedAsOpenAiReturnsIt() {
        given().auth().oauth2(user).get("/v1/models/gpt-4o-mini").then().statusCode(200)
                .body("id", equalTo("gpt-4o-mini"))
                .body("object", equalTo("model"))
                .body("owned_by", equalTo("simulator"))
                .body("created", notNullValue());
    }

    @Test
    void theSeededEmbeddingsModelIsListed() {
        given().auth().oauth2(user).get("/v1/models/text-embedding-3-small").then().statusCode(200)
                .body("id", equalTo("text-embedding-3-small"));
        given().auth().oauth2(user).queryParam("capability", "embeddings").get("/v1/models/catalogs").then()
                .statusCode(200).body("data.id", contains("text-embedding-3-small"));
    }

    @Test
    void anUnknownModelIs404ModelNotFoundInTheEnvelope() {
        given().auth().oauth2(user).get("/v1/models/no-such-model").then().statusCode(404)
                .body("error.type", equalTo("not_found_error"))
                .body("error.code", equalTo("model_not_found"));
        given().auth().oauth2(user).get("/v1/models/org/no-such-model").then().statusCode(404)
                .body("error.code", equalTo("model_not_found"));
    }

    @Test
    void anonymousCallersAreRefused() {
        given().get("/v1/models/gpt-4o-mini").then().statusCode(401);
    }

    @Test
    void aKeyLimitedToOneModelSeesOnlyThatOne() {
        String key = ApiKeyFormat.generate();
        FakeAuthService.register(key, "key_limited" + System.nanoTime(), TestTokens.newUserId(), "gpt-4o");
        given().header("X-API-Key", key).get("/v1/models").then().statusCode(200)
                .body("data.id", contains("gpt-4o"));
        given().header("X-API-Key", key).get("/v1/models/catalogs").then().statusCode(200)
                .body("data.id", contains("gpt-4o"));
        given().header("X-API-Key", key).get("/v1/models/gpt-4o").then().statusCode(200).body("id", equalTo("gpt-4o"));
        given().header("X-API-Key", key).get("/v1/models/gpt-4o-mini").then().statusCode(404)
                .body("error.code", equalTo("model_not_found"));
    }

    @Test
    void aKeyWithoutAModelListSeesEveryModel() {
        String key = ApiKeyFormat.generate();
        FakeAuthService.register(key, "key_open" + System.nanoTime(), TestTokens.newUserId());
        given().header("X-API-Key", key).get("/v1/models").then().statusCode(200)
                .body("data.id", hasItems("gpt-4o", "gpt-4o-mini", "jan-v2-30b"));
    }
}
