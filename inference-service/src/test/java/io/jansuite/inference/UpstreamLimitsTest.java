package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.seen;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.upstream;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * What a request may ask and what a provider may send back: max_tokens within the model's context window, and
 * answers too large to hold refused (the upstream call reset) rather than buffered.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class UpstreamLimitsTest {

    private final String token = userToken();

    @Test
    void maxTokensBeyondTheContextWindowIs400AndNothingIsSent() {
        String id = unique("up");
        String model = route(unique("small"), target("openai", upstream("openai", id)));
        // the fake catalog serves routes as given: give this one a window of 1000 tokens
        given().body(new io.vertx.core.json.JsonObject().put("model", model).put("catalog_id", model).put("enabled", true)
                .put("context_window", 1000).put("targets", new io.vertx.core.json.JsonArray()
                        .add(target("openai", upstream("openai", id)))).encode())
                .post(Fixtures.neighbours() + "/control/routes/" + model).then().statusCode(200);
        for (String field : new String[] { "max_tokens", "max_completion_tokens" }) {
            given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").put(field, 5000).encode())
                    .post("/v1/chat/completions").then().statusCode(400)
                    .body("error.code", equalTo("invalid_value")).body("error.param", equalTo(field));
        }
        assertEquals(0, seen(id).getInt("hits"), "nothing reached the upstream");
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").put("max_tokens", 1000).encode())
                .post("/v1/chat/completions").then().statusCode(200);
    }

    @Test
    void aWholeAnswerOverTheCapIsRefused() {
        String id = unique("up");
        String model = route(unique("huge"), target("openai", upstream("hugebody", id)));
        String body = given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(502).extract().asString();
        assertTrue(body.length() < 10_000, "the client gets an error, not the junk");
        assertEquals(1, seen(id).getInt("hits"), "one call, not retried elsewhere");
    }

    @Test
    void aStreamedEventOverTheCapEndsTheStreamWithAnErrorAndCutsTheUpstream() {
        String id = unique("up");
        String model = route(unique("hugeev"), target("openai", upstream("hugeevent", id)));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "hi").put("stream", true).encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        assertTrue(body.length() < 100_000, "the oversized event was not passed on: " + body.length() + " bytes");
        assertTrue(body.contains("\"error\""), "the stream ends with an error event: " + body);
        assertFalse(body.contains("yyyyyyyyyy"));
        assertTrue(seen(id).getBoolean("closed"), "the upstream call was reset");
    }
}
