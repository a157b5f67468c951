package io.jansuite.auth;

import static io.jansuite.auth.TestSupport.bearer;
import static io.jansuite.auth.TestSupport.guest;
import static io.jansuite.auth.TestSupport.newClientAddress;
import static io.jansuite.auth.TestSupport.newEmail;
import static io.jansuite.auth.TestSupport.sql;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.auth.service.AccountService;
import io.jansuite.auth.service.AdminBootstrap;
import io.jansuite.auth.service.RevocationFeed;
import io.jansuite.auth.service.TokenIssuer;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Registration, password sign-in, guest upgrade, brute-force limits and the admin bootstrap. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class AccountTest {

    @Inject
    AdminBootstrap bootstrap;

    @Inject
    RevocationFeed revocationFeed;

    @Inject
    TokenIssuer tokens;

    private static final String PASSWORD = "correct horse battery";

    private static Response post(String path, String email, String password, String client, String token) {
        var request = given().contentType("application/json").header("X-Forwarded-For", "192.0.2.1, " + client)
                .body(new JsonObject().put("email", email).put("password", password).encode());
        if (token != null) {
            request.header("Authorization", bearer(token));
        }
        return request.post(path);
    }

    private static Response register(String email, String password) {
        return post("/llm/auth/register", email, password, newClientAddress(), null);
    }

    private static Response login(String email, String password, String client) {
        return post("/llm/auth/login", email, password, client, null);
    }

    @Test
    void registerThenLoginGivesTokensLikeGuestLogin() {
        String email = newEmail();
        String userId = register(email, PASSWORD).then().statusCode(200)
                .body("access_token", notNullValue()).body("refresh_token", startsWith("rt_"))
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900))
                .extract().jsonPath().getString("user_id");
        String token = login(email.toUpperCase(), PASSWORD, newClientAddress()).then().statusCode(200)
                .body("user_id", equalTo(userId)).extract().jsonPath().getString("access_token");
        given().header("Authorization", bearer(token)).get("/llm/auth/me").then().statusCode(200)
                .body("data.email", equalTo(email)).body("data.is_guest", equalTo(false))
                .body("data.roles", hasItem("user"));
    }

    @Test
    void duplicateEmailIs409() {
        String email = newEmail();
        register(email, PASSWORD).then().statusCode(200);
        register("  " + email.toUpperCase() + " ", PASSWORD).then().statusCode(409)
                .body("error.code", equalTo("email_taken")).body("error.type", equalTo("conflict_error"));
    }

    @Test
    void badEmailOrShortPasswordIs400NamingTheField() {
        register("not-an-email", PASSWORD).then().statusCode(400).body("error.param", equalTo("email"));
        register(newEmail(), "short").then().statusCode(400).body("error.param", equalTo("password"));
        given().contentType("application/json").body("{}").post("/llm/auth/register").then().statusCode(400);
    }

    @Test
    void wrongPasswordAndUnknownAccountAreTheSame401() {
        String email = newEmail();
        register(email, PASSWORD).then().statusCode(200);
        String client = newClientAddress();
        login(email, "wrong password!", client).then().statusCode(401)
                .body("error.code", equalTo("invalid_credentials"));
        login(newEmail(), PASSWORD, client).then().statusCode(401)
                .body("error.code", equalTo("invalid_credentials"));
    }

    @Test
    void aGuestRegisteringWithItsTokenKeepsItsIdAndData() {
        JsonPath guest = guest();
        String token = guest.getString("access_token");
        given().header("Authorization", bearer(token)).contentType("application/json")
                .body("{\"profile_settings\":{\"nick_name\":\"Kept\"}}").patch("/v1/users/me/settings")
                .then().statusCode(200);
        String email = newEmail();
        JsonPath upgraded = post("/llm/auth/register", email, PASSWORD, newClientAddress(), token).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(guest.getString("user_id"), upgraded.getString("user_id"));
        given().header("Authorization", bearer(upgraded.getString("access_token"))).get("/llm/auth/me").then()
                .statusCode(200).body("data.is_guest", equalTo(false)).body("data.email", equalTo(email));
        given().header("Authorization", bearer(upgraded.getString("access_token"))).get("/v1/users/me/settings").then()
                .statusCode(200).body("data.profile_settings.nick_name", equalTo("Kept"));
    }

    @Test
    void fiveFailuresLockTheAccountWith429AndRetryAfter() {
        String email = newEmail();
        register(email, PASSWORD).then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i, newClientAddress()).then().statusCode(401);
        }
        Response locked = login(email, PASSWORD, newClientAddress());
        locked.then().statusCode(429).body("error.code", equalTo("too_many_attempts"))
                .body("error.type", equalTo("rate_limit_error"));
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60 + 1, "Retry-After " + retryAfter);
        // another account is not affected
        String other = newEmail();
        register(other, PASSWORD).then().statusCode(200);
        login(other, PASSWORD, newClientAddress()).then().statusCode(200);
    }

    @Test
    void twentyFailuresFromOneClientLockThatClient() {
        String client = newClientAddress();
        String email = newEmail();
        register(email, PASSWORD).then().statusCode(200);
        for (int i = 0; i < 20; i++) {
            login(newEmail(), PASSWORD, client).then().statusCode(401);
        }
        login(email, PASSWORD, client).then().statusCode(429).header("Retry-After", notNullValue());
        login(email, PASSWORD, newClientAddress()).then().statusCode(200);
    }

    @Test
    void parallelWrongPasswordsGetNoMoreGuessesThanTheLimit() throws Exception {
        String email = newEmail();
        register(email, PASSWORD).then().statusCode(200);
        String client = newClientAddress();
        String body = new JsonObject().put("email", email).put("password", "a wrong guess").encode();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest guess = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/llm/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.add(http.sendAsync(guess, HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        for (var answer : sent) {
            statuses.merge(answer.get(30, TimeUnit.SECONDS).statusCode(), 1L, Long::sum);
        }
        // five guesses reach the password check (401), every other one is refused before it (429)
        assertEquals(Map.of(401, 5L, 429, 25L), statuses);
        login(email, PASSWORD, newClientAddress()).then().statusCode(429);
    }

    @Test
    void successfulLoginForgivesEarlierAccountFailures() {
        String email = newEmail();
        register(email, PASSWORD).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            login(email, "nope nope " + i, newClientAddress()).then().statusCode(401);
        }
        login(email, PASSWORD, newClientAddress()).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            login(email, "nope again " + i, newClientAddress()).then().statusCode(401);
        }
        login(email, PASSWORD, newClientAddress()).then().statusCode(200);
    }

    @Test
    void adminBootstrapCreatesAnAdminFromConfig() {
        String token = login("admin@example.test", "bootstrap-admin-password", newClientAddress()).then().statusCode(200)
                .extract().jsonPath().getString("access_token");
        given().header("Authorization", bearer(token)).get("/llm/auth/me").then().statusCode(200)
                .body("data.roles", hasItems("user", "admin")).body("data.email", equalTo("admin@example.test"));
    }

    @Test
    void adminBootstrapTakingOverAnAccountRevokesItsSessionsAndKeys() throws Throwable {
        String email = newEmail();
        JsonPath before = register(email, PASSWORD).then().statusCode(200).extract().jsonPath();
        String token = before.getString("access_token");
        JsonPath key = given().header("Authorization", bearer(token)).contentType("application/json")
                .body("{\"name\":\"held by the previous owner\"}").post("/llm/auth/api-keys")
                .then().statusCode(201).extract().jsonPath();
        given().header("X-API-Key", key.getString("data.key")).get("/llm/auth/me").then().statusCode(200);
        long seq = revocationFeed.after(0).await().atMost(Duration.ofSeconds(10)).lastSeq();

        assertEquals(AccountService.AdminOutcome.RESET, bootstrap.apply(email, "the operator's new password"));

        given().header("Authorization", bearer(token)).get("/llm/auth/me").then().statusCode(401);
        given().header("X-API-Key", key.getString("data.key")).get("/llm/auth/me").then().statusCode(401);
        given().contentType("application/json").body(new JsonObject().put("refresh_token", before.getString("refresh_token")).encode())
                .post("/llm/auth/refresh").then().statusCode(401);
        var fed = revocationFeed.after(seq).await().atMost(Duration.ofSeconds(10)).data().stream()
                .map(e -> e.kind() + ":" + e.id()).toList();
        assertTrue(fed.contains("session:" + tokens.sessionOf(token)), "feed " + fed);
        assertTrue(fed.contains("api_key:" + key.getString("data.id")), "feed " + fed);
        login(email, PASSWORD, newClientAddress()).then().statusCode(401);
        String admin = login(email, "the operator's new password", newClientAddress()).then().statusCode(200)
                .extract().jsonPath().getString("access_token");
        given().header("Authorization", bearer(admin)).get("/llm/auth/me").then().statusCode(200)
                .body("data.roles", hasItem("admin"));

        // the next restart with the same credentials changes nothing, and signs nobody out
        assertEquals(AccountService.AdminOutcome.UNCHANGED, bootstrap.apply(email, "the operator's new password"));
        given().header("Authorization", bearer(admin)).get("/llm/auth/me").then().statusCode(200);
    }

    @Test
    void theDatabaseHoldsNoPasswordOrTokenInClear() {
        String email = newEmail();
        JsonPath tokens = register(email, PASSWORD).then().statusCode(200).extract().jsonPath();
        List<List<String>> users = sql("SELECT password_hash FROM auth.users WHERE email = ?", email);
        assertEquals(1, users.size());
        String hash = users.get(0).get(0);
        assertTrue(hash.startsWith("$2"), "a bcrypt hash");
        assertFalse(hash.contains(PASSWORD));
        login(email, "a wrong password", newClientAddress()).then().statusCode(401);
        String everything = sql("SELECT string_agg(u::text, '|') FROM auth.users u").toString()
                + sql("SELECT string_agg(s::text, '|') FROM auth.sessions s").toString()
                + sql("SELECT string_agg(r::text, '|') FROM auth.refresh_tokens r").toString();
        String failures = sql("SELECT string_agg(c::text, '|') FROM auth.attempt_counters c").toString();
        assertFalse(failures.contains(email), "failed logins are counted by hash");
        assertFalse(everything.contains(PASSWORD));
        assertFalse(everything.contains(tokens.getString("refresh_token")));
        assertFalse(everything.contains(tokens.getString("refresh_token").substring(3)));
        assertFalse(everything.contains(tokens.getString("access_token")));
    }

    @Test
    void logsNeverContainPasswordsTokensOrKeys() {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(handler);
        try {
            String email = newEmail();
            JsonPath tokens = register(email, PASSWORD).then().statusCode(200).extract().jsonPath();
            login(email, "a wrong password", newClientAddress()).then().statusCode(401);
            String key = given().header("Authorization", bearer(tokens.getString("access_token")))
                    .contentType("application/json").body("{\"name\":\"k\"}").post("/llm/auth/api-keys")
                    .then().statusCode(201).extract().path("data.key");
            given().header("X-API-Key", key).get("/llm/auth/me").then().statusCode(200);
            given().contentType("application/json").body(new JsonObject().put("token", tokens.getString("refresh_token")).encode())
                    .post("/llm/auth/revoke").then().statusCode(200);
            String all = String.join("\n", lines);
            for (String secret : List.of(PASSWORD, "a wrong password", key, tokens.getString("refresh_token"),
                    tokens.getString("access_token"))) {
                assertFalse(all.contains(secret), "a secret in the logs");
            }
        } finally {
            root.removeHandler(handler);
        }
    }
}
