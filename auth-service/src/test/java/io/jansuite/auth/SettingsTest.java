package io.jansuite.auth;

import static io.jansuite.auth.TestSupport.bearer;
import static io.jansuite.auth.TestSupport.guestToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** User settings: defaults, deep merge, validation. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class SettingsTest {

    private static final String PAGE_PATCH = """
            {"profile_settings":{"base_style":"Professional","nick_name":"Assistant Pro","occupation":"Software Engineer"},
             "memory_config":{"min_similarity":0.85,"max_items":10},
             "advanced_settings":{"web_search_enabled":true,"code_execution_enabled":false}}""";

    private static RequestSpecification as(String token) {
        return given().header("Authorization", bearer(token)).contentType("application/json");
    }

    @Test
    void aNewUserGetsDefaults() {
        as(guestToken()).get("/v1/users/me/settings").then().statusCode(200)
                .body("data.profile_settings.base_style", equalTo("Friendly"))
                .body("data.profile_settings.nick_name", equalTo(""))
                .body("data.profile_settings.occupation", equalTo(""))
                .body("data.memory_config.min_similarity", equalTo(0.75f))
                .body("data.memory_config.max_items", equalTo(10))
                .body("data.memory_config.enabled", equalTo(true))
                .body("data.advanced_settings.web_search_enabled", equalTo(false))
                .body("data.advanced_settings.code_execution_enabled", equalTo(false));
    }

    @Test
    void thePagesPatchIsStoredAndReadBack() {
        String token = guestToken();
        as(token).body(PAGE_PATCH).patch("/v1/users/me/settings").then().statusCode(200)
                .body("data.profile_settings.base_style", equalTo("Professional"))
                .body("data.updated_at", notNullValue());
        as(token).get("/v1/users/me/settings").then().statusCode(200)
                .body("data.profile_settings.nick_name", equalTo("Assistant Pro"))
                .body("data.profile_settings.occupation", equalTo("Software Engineer"))
                .body("data.memory_config.min_similarity", equalTo(0.85f))
                .body("data.memory_config.max_items", equalTo(10))
                .body("data.advanced_settings.web_search_enabled", equalTo(true));
    }

    @Test
    void patchDeepMergesFieldsLeftOutKeepTheirValues() {
        String token = guestToken();
        as(token).body(PAGE_PATCH).patch("/v1/users/me/settings").then().statusCode(200);
        as(token).body("{\"profile_settings\":{\"nick_name\":\"Neo\"},\"memory_config\":{\"max_items\":42}}")
                .patch("/v1/users/me/settings").then().statusCode(200)
                .body("data.profile_settings.nick_name", equalTo("Neo"))
                .body("data.profile_settings.base_style", equalTo("Professional"))
                .body("data.profile_settings.occupation", equalTo("Software Engineer"))
                .body("data.memory_config.max_items", equalTo(42))
                .body("data.memory_config.min_similarity", equalTo(0.85f))
                .body("data.advanced_settings.web_search_enabled", equalTo(true));
    }

    @Test
    void badValuesAre400NamingTheFieldAndChangeNothing() {
        String token = guestToken();
        as(token).body(PAGE_PATCH).patch("/v1/users/me/settings").then().statusCode(200);
        String[][] cases = {
            {"{\"profile_settings\":{\"base_style\":\"Pirate\"}}", "profile_settings.base_style"},
            {"{\"profile_settings\":{\"nick_name\":\"" + "n".repeat(51) + "\"}}", "profile_settings.nick_name"},
            {"{\"memory_config\":{\"min_similarity\":1.5}}", "memory_config.min_similarity"},
            {"{\"memory_config\":{\"min_similarity\":\"high\"}}", "memory_config.min_similarity"},
            {"{\"memory_config\":{\"max_items\":0}}", "memory_config.max_items"},
            {"{\"memory_config\":{\"max_items\":101}}", "memory_config.max_items"},
            {"{\"memory_config\":{\"max_items\":2.5}}", "memory_config.max_items"},
            {"{\"advanced_settings\":{\"web_search_enabled\":\"yes\"}}", "advanced_settings.web_search_enabled"},
            {"{\"advanced_settings\":{\"teleport\":true}}", "advanced_settings.teleport"},
            {"{\"secret_section\":{}}", "secret_section"},
            // a valid change beside a bad one is not applied either
            {"{\"profile_settings\":{\"nick_name\":\"Changed\"},\"memory_config\":{\"max_items\":500}}", "memory_config.max_items"},
        };
        for (String[] c : cases) {
            as(token).body(c[0]).patch("/v1/users/me/settings").then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo(c[1]));
        }
        as(token).get("/v1/users/me/settings").then().statusCode(200)
                .body("data.profile_settings.nick_name", equalTo("Assistant Pro"))
                .body("data.memory_config.max_items", equalTo(10));
        as(token).body("[1,2]").patch("/v1/users/me/settings").then().statusCode(400);
        as(token).body("{not json").patch("/v1/users/me/settings").then().statusCode(400)
                .body("error.code", equalTo("invalid_json"));
    }

    @Test
    void settingsAreEachUsersOwnAndNeedCredentials() {
        String a = guestToken();
        String b = guestToken();
        as(a).body("{\"profile_settings\":{\"nick_name\":\"Alice\"}}").patch("/v1/users/me/settings").then().statusCode(200);
        as(b).get("/v1/users/me/settings").then().body("data.profile_settings.nick_name", equalTo(""));
        given().get("/v1/users/me/settings").then().statusCode(401);
    }

    @Test
    void nullResetsAFieldToItsDefault() {
        String token = guestToken();
        as(token).body(PAGE_PATCH).patch("/v1/users/me/settings").then().statusCode(200);
        as(token).body("{\"profile_settings\":{\"base_style\":null}}").patch("/v1/users/me/settings").then()
                .statusCode(200).body("data.profile_settings.base_style", equalTo("Friendly"))
                .body("data.profile_settings.nick_name", equalTo("Assistant Pro"));
    }
}
