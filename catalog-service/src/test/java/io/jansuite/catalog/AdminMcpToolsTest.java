package io.jansuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MCP tools behind the admin API: switches and validated content filters. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class AdminMcpToolsTest {

    private final String user = TestTokens.user(TestTokens.newUserId());

    @Test
    void disabledToolLeavesThePublicListAndIsActiveIsAnAlias() {
        Internal.admin().body(Map.of("is_active", false)).patch("/internal/admin/mcp-tools/web_fetch").then()
                .statusCode(200)
                .body("data.before.enabled", equalTo(true))
                .body("data.after.enabled", equalTo(false))
                .body("data.after.is_active", equalTo(false));
        try {
            given().auth().oauth2(user).get("/v1/mcp-tools").then().body("data.id", not(hasItem("web_fetch")));
            Internal.admin().get("/internal/admin/mcp-tools").then().body("data.id", hasItem("web_fetch"));
        } finally {
            Internal.admin().body(Map.of("enabled", true)).patch("/internal/admin/mcp-tools/web_fetch")
                    .then().statusCode(200).body("data.after.enabled", equalTo(true));
        }
    }

    @Test
    void contentFilterIsStoredFieldByField() {
        Internal.admin().body(Map.of("content_filter", Map.of("disallowed_keywords", List.of("password", "ssn"))))
                .patch("/internal/admin/mcp-tools/conversation_search").then().statusCode(200)
                .body("data.after.content_filter.disallowed_keywords", equalTo(List.of("password", "ssn")));
        Internal.admin().body(Map.of("content_filter", Map.of("disallowed_patterns", List.of("\\d{3}-\\d{2}-\\d{4}"))))
                .patch("/internal/admin/mcp-tools/conversation_search").then().statusCode(200)
                .body("data.before.content_filter.disallowed_keywords", equalTo(List.of("password", "ssn")))
                .body("data.after.content_filter.disallowed_keywords", equalTo(List.of("password", "ssn")))
                .body("data.after.content_filter.disallowed_patterns", equalTo(List.of("\\d{3}-\\d{2}-\\d{4}")));
    }

    @Test
    void invalidRegexIs400NamingTheParam() {
        Internal.admin().body(Map.of("content_filter", Map.of("disallowed_patterns", List.of("ok", "([unclosed"))))
                .patch("/internal/admin/mcp-tools/web_fetch").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("invalid_pattern"))
                .body("error.param", equalTo("content_filter.disallowed_patterns[1]"));
        Internal.admin().body(Map.of("content_filter", Map.of("disallowed_keywords", "password")))
                .patch("/internal/admin/mcp-tools/web_fetch").then().statusCode(400)
                .body("error.param", equalTo("content_filter.disallowed_keywords"));
        Internal.admin().body(Map.of("content_filter", Map.of("blocked", List.of())))
                .patch("/internal/admin/mcp-tools/web_fetch").then().statusCode(400)
                .body("error.message", containsString("blocked"));
    }

    @Test
    void unknownToolIs404() {
        Internal.admin().body(Map.of("enabled", false)).patch("/internal/admin/mcp-tools/nope").then().statusCode(404)
                .body("error.code", equalTo("mcp_tool_not_found"));
    }
}
