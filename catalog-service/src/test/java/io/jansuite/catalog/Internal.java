package io.jansuite.catalog;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Calls to the internal routes as another service of the suite would make them. */
final class Internal {

    static final String SECRET = "test-internal-secret";

    private Internal() {
    }

    static String header(String service) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return service + ":" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(service.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RequestSpecification as(String service) {
        return given().header("X-Internal-Caller", header(service)).contentType(ContentType.JSON);
    }

    /** The admin who makes the changes of these tests (the audit entry's actor). */
    static final String ACTOR = "usr_catalog_tests";

    static RequestSpecification admin() {
        return adminAs(ACTOR);
    }

    /** As the admin-service, changing the catalog on behalf of this admin ({@code X-Admin-Actor}). */
    static RequestSpecification adminAs(String actor) {
        return as("admin-service").header("X-Admin-Actor", actor);
    }

    static RequestSpecification inference() {
        return as("inference-service");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A simulator provider serving the given new models; returns the provider id. */
    static String simulatorWith(String... modelIds) {
        return admin().body(Map.of("name", unique("sim"), "type", "simulator",
                "models", List.of(modelIds).stream().map(id -> Map.of("model_id", id)).toList()))
                .post("/internal/admin/providers").then().statusCode(201).extract().path("data.after.id");
    }
}
