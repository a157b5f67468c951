package io.jansuite.catalog;

import io.jansuite.testing.InternalCalls;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Calls to the internal routes as another service of the suite would make them. */
final class Internal {

    private Internal() {
    }

    static RequestSpecification as(String service) {
        return InternalCalls.as(service).contentType(ContentType.JSON);
    }

    static RequestSpecification admin() {
        return as("admin-service");
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
