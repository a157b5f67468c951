package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.simulator;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.upstream;
import static io.jansuite.inference.QuotaFixtures.limit;
import static io.jansuite.inference.QuotaFixtures.priced;
import static io.jansuite.inference.QuotaFixtures.rpm;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.jansuite.common.auth.ApiKeyFormat;
import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Quotas and budgets per user and key on every model endpoint, counted in this replica's memory (no REDIS_URL
 * here; QuotaRedisTest shares them through Redis): 429 rate_limit_error with quota_exceeded or budget_exceeded,
 * Retry-After and the X-RateLimit-*-Requests/-Tokens/-Budget headers.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
@QuarkusTestResource(FakeAuthService.class)
class QuotaTest {

    private static ValidatableResponse chatAs(String token, JsonObject body) {
        return given().auth().oauth2(token).contentType("application/json").body(body.encode())
                .post("/v1/chat/completions").then();
    }

    @Test
    void overAUsersRequestsPerMinuteIs429QuotaExceededWithRetryAfterAndHeaders() {
        String user = TestTokens.newUserId();
        String token = TestTokens.user(user);
        String model = route(unique("q"), simulator());
        limit("users", user, rpm(2));
        chatAs(token, chat(model, "hi")).statusCode(200)
                .header("X-RateLimit-Limit-Requests", "2").header("X-RateLimit-Remaining-Requests", "1")
                .header("X-RateLimit-Reset-Requests", notNullValue())
                .header("X-RateLimit-Limit-Tokens", nullValue());
        chatAs(token, chat(model, "hi").put("stream", true)).statusCode(200)
                .header("X-RateLimit-Remaining-Requests", "0");
        chatAs(token, chat(model, "hi")).statusCode(429)
                .header("Retry-After", notNullValue())
                .header("X-RateLimit-Limit-Requests", "2").header("X-RateLimit-Remaining-Requests", "0")
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("quota_exceeded"));
        chatAs(TestTokens.user(TestTokens.newUserId()), chat(model, "hi")).statusCode(200)
                .header("X-RateLimit-Limit-Requests", nullValue());
    }

    @Test
    void tokensPerMinuteCountTheInputAndTheMostOutputARequestMayProduce() {
        String user = TestTokens.newUserId();
        String token = TestTokens.user(user);
        String model = route(unique("q"), simulator());
        limit("users", user, new JsonObject().put("tokens_per_minute", 100));
        chatAs(token, chat(model, "hi").put("max_tokens", 500)).statusCode(429)
                .header("X-RateLimit-Limit-Tokens", "100").header("X-RateLimit-Remaining-Tokens", "100")
                .header("Retry-After", notNullValue())
                .body("error.code", equalTo("quota_exceeded"));
        // the simulator answers at most max_tokens words: the unused part of the reservation is given back
        chatAs(token, chat(model, "hi").put("max_tokens", 60)).statusCode(200)
                .header("X-RateLimit-Limit-Tokens", "100");
        chatAs(token, chat(model, "hi").put("max_tokens", 60)).statusCode(200);
    }

    @Test
    void aKeysOverrideLimitsTheKeyBesideItsUser() {
        String user = TestTokens.newUserId();
        String keyId = QuotaFixtures.keyId();
        String key = ApiKeyFormat.generate();
        FakeAuthService.register(key, keyId, user);
        String model = route(unique("q"), simulator());
        limit("keys", keyId, rpm(1));
        given().header("X-API-Key", key).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(200).header("X-RateLimit-Limit-Requests", "1");
        given().header("X-API-Key", key).contentType("application/json").body(chat(model, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(429).body("error.code", equalTo("quota_exceeded"));
        chatAs(TestTokens.user(user), chat(model, "hi")).statusCode(200);
    }

    @Test
    void guestsGetTheGuestDefaultsAndUsersTheirOwn() {
        String model = route(unique("q"), simulator());
        limit("roles", "guest", rpm(1));
        try {
            String guest = QuotaFixtures.guestToken(TestTokens.newUserId());
            chatAs(guest, chat(model, "hi")).statusCode(200).header("X-RateLimit-Limit-Requests", "1");
            chatAs(guest, chat(model, "hi")).statusCode(429).body("error.code", equalTo("quota_exceeded"));
            String user = TestTokens.user(TestTokens.newUserId());
            chatAs(user, chat(model, "hi")).statusCode(200);
            chatAs(user, chat(model, "hi")).statusCode(200);
            // a user override is over the role's defaults
            String favoured = TestTokens.newUserId();
            String favouredGuest = QuotaFixtures.guestToken(favoured);
            limit("users", favoured, rpm(3));
            for (int i = 0; i < 3; i++) {
                chatAs(favouredGuest, chat(model, "hi")).statusCode(200);
            }
        } finally {
            limit("roles", "guest", new JsonObject());
        }
    }

    @Test
    void aFailedUpstreamCallReleasesItsReservation() {
        String user = TestTokens.newUserId();
        String token = TestTokens.user(user);
        limit("users", user, rpm(1).put("tokens_per_minute", 1000));
        String broken = route(unique("q"), target("openai", upstream("error500", unique("up"))));
        chatAs(token, chat(broken, "hi").put("max_tokens", 900)).statusCode(502);
        String model = route(unique("q"), simulator());
        chatAs(token, chat(model, "hi").put("max_tokens", 900)).statusCode(200)
                .header("X-RateLimit-Remaining-Requests", "0");
    }

    @Test
    void embeddingsMessagesAndResponsesAreLimitedToo() {
        String model = route(unique("q"), simulator().put("capabilities", new JsonArray().add("embeddings").add("chat")));
        String user = TestTokens.newUserId();
        String token = TestTokens.user(user);
        limit("users", user, rpm(1));
        JsonObject embeddings = new JsonObject().put("model", model).put("input", "hello");
        given().auth().oauth2(token).contentType("application/json").body(embeddings.encode()).post("/v1/embeddings")
                .then().statusCode(200).header("X-RateLimit-Remaining-Requests", "0");
        given().auth().oauth2(token).contentType("application/json").body(embeddings.encode()).post("/v1/embeddings")
                .then().statusCode(429).body("error.code", equalTo("quota_exceeded")).header("Retry-After", notNullValue());

        String other = TestTokens.newUserId();
        limit("users", other, rpm(1));
        JsonObject message = new JsonObject().put("model", model).put("max_tokens", 50).put("messages",
                new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")));
        given().auth().oauth2(TestTokens.user(other)).contentType("application/json").body(message.encode())
                .post("/v1/messages").then().statusCode(200);
        given().auth().oauth2(TestTokens.user(other)).contentType("application/json").body(message.encode())
                .post("/v1/messages").then().statusCode(429).body("type", equalTo("error"))
                .body("error.code", equalTo("quota_exceeded")).header("Retry-After", notNullValue());

        String third = TestTokens.newUserId();
        limit("users", third, rpm(1));
        JsonObject response = new JsonObject().put("model", model).put("input", "hi");
        given().auth().oauth2(TestTokens.user(third)).contentType("application/json").body(response.encode())
                .post("/v1/responses").then().statusCode(200);
        given().auth().oauth2(TestTokens.user(third)).contentType("application/json").body(response.encode())
                .post("/v1/responses").then().statusCode(429).body("error.code", equalTo("quota_exceeded"));
    }

    @Test
    void budgetsAreSpentAtTheServingModelsPricesAndRefusedOnceSpent() throws Exception {
        String user = TestTokens.newUserId();
        String token = TestTokens.user(user);
        // the fake upstream reports 19 input and 10 output tokens: 19 * $2 + 10 * $10 per million = $0.000138
        String model = route(unique("q"), priced(target("openai", upstream("openai", unique("up"))), 2, 10));
        limit("users", user, new JsonObject().put("daily_budget_usd", 0.0003));
        chatAs(token, chat(model, "hi").put("max_tokens", 10)).statusCode(200)
                .header("X-RateLimit-Limit-Budget", "0.0003");
        chatAs(token, chat(model, "hi").put("max_tokens", 10)).statusCode(200)
                .header("X-RateLimit-Remaining-Budget", notNullValue());
        chatAs(token, chat(model, "hi").put("max_tokens", 10)).statusCode(429)
                .header("Retry-After", notNullValue())
                .header("X-RateLimit-Remaining-Budget", "0.000024")
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("budget_exceeded"));
        UsageReportTest.awaitRequests(token, 2);
        given().auth().oauth2(token).get("/v1/usage/me").then().statusCode(200)
                .body("data.totals.requests", equalTo(2))
                .body("data.totals.input_tokens", equalTo(38))
                .body("data.totals.output_tokens", equalTo(20))
                .body("data.totals.spend_usd", equalTo(0.000276f));
    }
}
