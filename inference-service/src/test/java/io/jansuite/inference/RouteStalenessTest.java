package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.simulator;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Stale-if-error: while the catalog answers 503, completions use the last known routes and say how stale. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class RouteStalenessTest {

    private final String token = userToken();

    @Test
    void completionsUseTheLastKnownRouteWhileTheCatalogIsDown() throws InterruptedException {
        String model = route(unique("stale"), simulator());
        String unseen = route(unique("unseen"), simulator());
        complete(model).then().statusCode(200);
        try {
            Fixtures.catalogDown(true);
            Thread.sleep(300);
            complete(model).then().statusCode(200);
            complete(unseen).then().statusCode(503).body("error.code", equalTo("catalog_unavailable"));
            Thread.sleep(200);
            assertTrue(staleSeconds() > 0, "the staleness is exported");
        } finally {
            Fixtures.catalogDown(false);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (staleSeconds() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0.0, staleSeconds(), "fresh again once the catalog answers");
        complete(unseen).then().statusCode(200);
    }

    private io.restassured.response.Response complete(String model) {
        return given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions");
    }

    private static double staleSeconds() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jansuite_routes_stale_seconds")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no jansuite_routes_stale_seconds in /q/metrics");
    }
}
