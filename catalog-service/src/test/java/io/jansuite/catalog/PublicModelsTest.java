package io.jansuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The public model and tool lists any signed-in user sees, from the simulator bootstrap. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class PublicModelsTest {

    private final String user = TestTokens.user(TestTokens.newUserId());

    @Test
    void modelsAreAnOpenAiListOfTheSeededModelsOwnedByTheSimulator() {
        given().auth().oauth2(user).get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItems("jan-v2-30b", "gpt-4o-mini", "gpt-4o", "claude-3-5-sonnet-20241022"))
                .body("data.find { it.id == 'gpt-4o-mini' }.object", equalTo("model"))
                .body("data.find { it.id == 'gpt-4o-mini' }.owned_by", equalTo("simulator"))
                .body("data.find { it.id == 'gpt-4o-mini' }.created", notNullValue());
    }

    @Test
    void catalogsCarryNameProviderAndCapabilitiesAndFilterByCapability() {
        given().auth().oauth2(user).get("/v1/models/catalogs").then().statusCode(200)
                .body("data.find { it.id == 'jan-v2-30b' }.name", equalTo("Jan v2 30B"))
                .body("data.find { it.id == 'jan-v2-30b' }.provider", equalTo("simulator"))
                .body("data.find { it.id == 'jan-v2-30b' }.context_window", equalTo(131072))
                .body("data.find { it.id == 'jan-v2-30b' }.capabilities", hasItems("browser", "tools"));
        given().auth().oauth2(user).queryParam("capability", "browser").get("/v1/models/catalogs").then().statusCode(200)
                .body("data.id", hasItem("jan-v2-30b"))
                .body("data.id", not(hasItem("gpt-4o")))
                .body("data.capabilities", everyItem(hasItem("browser")));
    }

    @Test
    void enabledMcpToolsAreListed() {
        given().auth().oauth2(user).get("/v1/mcp-tools").then().statusCode(200)
                .body("data.id", hasItems("conversation_search", "web_fetch"))
                .body("data.find { it.id == 'web_fetch' }.server_id", org.hamcrest.Matchers.nullValue())
                .body("data.find { it.id == 'web_fetch' }.input_schema.required", equalTo(java.util.List.of("url")))
                .body("data.find { it.id == 'conversation_search' }.content_filter.disallowed_keywords", notNullValue());
    }

    @Test
    void onlyRunnableToolsAreListed() {
        // the seeded names nothing could run are gone: every tool is a built-in one or a synced server's
        given().auth().oauth2(user).get("/v1/mcp-tools").then().statusCode(200)
                .body("data.id", not(hasItems("google_search")))
                .body("data.id", not(hasItems("scrape")))
                .body("data.id", not(hasItems("file_search")))
                .body("data.id", not(hasItems("code_interpreter")));
    }

    @Test
    void anonymousCallersAreRefused() {
        for (String path : new String[] { "/v1/models", "/v1/models/catalogs", "/v1/mcp-tools" }) {
            given().get(path).then().statusCode(401).body("error.type", equalTo("authentication_error"));
        }
    }
}
