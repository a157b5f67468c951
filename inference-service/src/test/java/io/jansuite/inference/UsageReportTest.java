package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.upstream;
import static io.jansuite.inference.QuotaFixtures.priced;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.common.auth.ApiKeyFormat;
import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.InternalCalls;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/usage/me} and the admin's report (internal route): the sums of the calls made, by day, model and
 * key, read from the per-day rollup (the test empties the usage rows to show the reports do not read them).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
@QuarkusTestResource(FakeAuthService.class)
class UsageReportTest {

    /** Waits until the rollup holds {@code n} requests of this caller (usage is written off the request path). */
    static void awaitRequests(String token, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            int seen = given().auth().oauth2(token).get("/v1/usage/me").then().statusCode(200).extract()
                    .path("data.totals.requests");
            if (seen >= n) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("usage of " + n + " requests not reported in time");
    }

    @Test
    void reportsAreTheSumsOfTheCallsMadeByModelKeyAndDay() throws Exception {
        String user = TestTokens.newUserId();
        String token = TestTokens.user(user);
        String keyId = QuotaFixtures.keyId();
        String key = ApiKeyFormat.generate();
        FakeAuthService.register(key, keyId, user);
        // each call: 19 input and 10 output tokens (the fake upstream's usage)
        String cheap = route(unique("rep"), priced(target("openai", upstream("openai", unique("up"))), 1, 2));
        String dear = route(unique("rep"), priced(target("openai", upstream("openai", unique("up"))), 3, 15));
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).contentType("application/json").body(chat(cheap, "hi").encode())
                    .post("/v1/chat/completions").then().statusCode(200);
        }
        for (int i = 0; i < 2; i++) {
            given().header("X-API-Key", key).contentType("application/json").body(chat(dear, "hi").encode())
                    .post("/v1/chat/completions").then().statusCode(200);
        }
        awaitRequests(token, 5);
        emptyUsageRows();
        // cheap: 3 * (19 * 1 + 10 * 2) = 117 micro-USD; dear: 2 * (19 * 3 + 10 * 15) = 414 micro-USD
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonPath byModel = given().auth().oauth2(token).queryParam("group_by", "model").get("/v1/usage/me")
                .then().statusCode(200)
                .body("data.from", equalTo(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).toString()))
                .body("data.to", equalTo(today))
                .body("data.totals.requests", equalTo(5))
                .body("data.totals.input_tokens", equalTo(95))
                .body("data.totals.output_tokens", equalTo(50))
                .body("data.totals.spend_usd", equalTo(0.000531f))
                .body("data.groups", hasSize(2)).extract().jsonPath();
        Map<String, Object> cheapRow = byModel.getMap("data.groups.find { it.model == '" + cheap + "' }");
        assertEquals(3, cheapRow.get("requests"));
        assertEquals(0.000117f, cheapRow.get("spend_usd"));
        given().auth().oauth2(token).queryParam("group_by", "key").get("/v1/usage/me").then().statusCode(200)
                .body("data.groups.find { it.key_id == null }.requests", equalTo(3))
                .body("data.groups.find { it.key_id == '" + keyId + "' }.requests", equalTo(2))
                .body("data.groups.find { it.key_id == '" + keyId + "' }.spend_usd", equalTo(0.000414f));
        given().auth().oauth2(token).queryParam("group_by", "day").queryParam("from", today).queryParam("to", today)
                .get("/v1/usage/me").then().statusCode(200)
                .body("data.groups", hasSize(1)).body("data.groups[0].day", equalTo(today))
                .body("data.groups[0].output_tokens", equalTo(50));
        given().auth().oauth2(token).queryParam("from", "2020-01-01").queryParam("to", "2020-01-31")
                .get("/v1/usage/me").then().statusCode(200).body("data.totals.requests", equalTo(0));
        // the same for an admin, for any user, key or model
        InternalCalls.as("admin-service").queryParam("model", dear).queryParam("group_by", "user")
                .get("/internal/usage/report").then().statusCode(200)
                .body("data.totals.requests", equalTo(2))
                .body("data.groups[0].user_id", equalTo(user));
        InternalCalls.as("admin-service").queryParam("key_id", keyId).get("/internal/usage/report").then()
                .statusCode(200).body("data.totals.output_tokens", equalTo(20)).body("data.groups", hasSize(0));
        given().auth().oauth2(TestTokens.user(TestTokens.newUserId())).get("/v1/usage/me").then().statusCode(200)
                .body("data.totals.requests", equalTo(0)).body("data.group_by", nullValue());
    }

    @Test
    void badReportParametersAre400() {
        String token = TestTokens.user(TestTokens.newUserId());
        for (Map.Entry<String, String> bad : List.of(Map.entry("from", "yesterday"), Map.entry("to", "2026-13-01"),
                Map.entry("group_by", "provider"))) {
            given().auth().oauth2(token).queryParam(bad.getKey(), bad.getValue()).get("/v1/usage/me").then()
                    .statusCode(400).body("error.code", equalTo("invalid_value")).body("error.param", equalTo(bad.getKey()));
        }
        given().auth().oauth2(token).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .get("/v1/usage/me").then().statusCode(400).body("error.param", equalTo("from"));
        given().auth().oauth2(token).queryParam("from", "2020-01-01").queryParam("to", "2026-01-01")
                .get("/v1/usage/me").then().statusCode(400).body("error.param", equalTo("from"));
        // users see their own usage only: grouping by user is the admin's
        given().auth().oauth2(token).queryParam("group_by", "user").get("/v1/usage/me").then().statusCode(400);
        given().get("/v1/usage/me").then().statusCode(401);
        given().auth().oauth2(token).get("/internal/usage/report").then().statusCode(403);
    }

    private static void emptyUsageRows() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DELETE FROM inference.usage");
        }
    }
}
