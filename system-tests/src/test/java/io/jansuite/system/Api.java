package io.jansuite.system;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Small conveniences over rest-assured for calls through the ingress. */
final class Api {

    private Api() {
    }

    static RequestSpecification as(String token) {
        return given().baseUri(RunningSuite.BASE).header("Authorization", "Bearer " + token).contentType("application/json");
    }

    static RequestSpecification anonymous() {
        return given().baseUri(RunningSuite.BASE);
    }

    static String guestToken() {
        return anonymous().post("/llm/auth/guest-login").then().statusCode(200).extract().path("access_token");
    }

    static Map<String, Object> guest() {
        return anonymous().post("/llm/auth/guest-login").then().statusCode(200).extract().as(Map.class);
    }

    static String adminToken() {
        return anonymous().contentType("application/json")
                .body(Map.of("email", RunningSuite.ADMIN_EMAIL, "password", RunningSuite.ADMIN_PASSWORD))
                .post("/llm/auth/login").then().statusCode(200).extract().path("access_token");
    }

    /** A new API key of the token's user: {id, key}. */
    static Map<String, Object> apiKey(String token, String... scopes) {
        return as(token).body(Map.of("name", "system test", "scopes", List.of(scopes)))
                .post("/llm/auth/api-keys").then().statusCode(201).extract().path("data");
    }
}
