package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.simulator;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** requests_per_minute of a provider model, counted in memory here (no REDIS_URL in tests). */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class RateLimitTest {

    private final String token = userToken();

    private ValidatableResponse post(String model, boolean stream) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "hi").put("stream", stream).encode())
                .post("/v1/chat/completions").then();
    }

    @Test
    void overTheLimitIs429WithRetryAfterAndLimitHeaders() {
        String model = route(unique("rl"), simulator().put("requests_per_minute", 2));
        post(model, false).statusCode(200).header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", "1")
                .header("X-RateLimit-Reset", notNullValue());
        post(model, true).statusCode(200).header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", "0");
        post(model, false).statusCode(429)
                .header("Retry-After", notNullValue())
                .header("X-RateLimit-Limit", "2")
                .header("X-RateLimit-Remaining", "0")
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("rate_limit_exceeded"));
    }

    @Test
    void aSpentProviderModelLeavesTheRequestToTheNextTarget() {
        String model = route(unique("rl"), simulator().put("requests_per_minute", 1), simulator());
        post(model, false).statusCode(200).header("X-RateLimit-Limit", "1");
        post(model, false).statusCode(200).header("X-RateLimit-Limit", nullValue());
    }

    @Test
    void unlimitedModelsSendNoLimitHeaders() {
        String model = route(unique("rl"), simulator());
        post(model, false).statusCode(200).header("X-RateLimit-Limit", nullValue());
    }
}
