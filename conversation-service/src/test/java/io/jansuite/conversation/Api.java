package io.jansuite.conversation;

import static io.restassured.RestAssured.given;

import io.jansuite.testing.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** A signed-in test user and the few calls most tests start from. */
final class Api {

    final String token;

    private Api(String token) {
        this.token = token;
    }

    static Api newUser() {
        return new Api(TestTokens.user(TestTokens.newUserId()));
    }

    RequestSpecification as() {
        return given().auth().oauth2(token).contentType("application/json");
    }

    String createConversation(String title) {
        return as().body(Map.of("title", title, "metadata", Map.of("source", "test")))
                .post("/v1/conversations").then().statusCode(201).extract().path("data.id");
    }

    String send(String conversationId, String role, String content) {
        return as().body(Map.of("role", role, "content", content))
                .post("/v1/conversations/{id}/items", conversationId).then().statusCode(201).extract().path("data.id");
    }
}
