package io.jansuite.system;

import static io.jansuite.system.Api.anonymous;
import static io.jansuite.system.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Behaviour that only the whole suite has: one origin, credentials honoured by every service, revocation. */
@Order(1)
class SuiteTest {

    @BeforeAll
    static void suite() throws Exception {
        RunningSuite.shared();
    }

    @Test
    void healthzReportsEveryServiceUp() {
        anonymous().get("/healthz").then().statusCode(200)
                .body("services.'auth-service'", equalTo("UP"))
                .body("services.'inference-service'", equalTo("UP"))
                .body("services.'admin-service'", equalTo("UP"));
    }

    @Test
    void ingressAnswersFailuresInTheEnvelopeWithTheRequestId() {
        Response unknown = anonymous().get("/v1/no-such-route");
        unknown.then().statusCode(404).body("error.type", equalTo("not_found_error"))
                .body("error.request_id", equalTo(unknown.header("X-Request-Id")));
        Response noToken = anonymous().get("/v1/conversations");
        noToken.then().statusCode(401).body("error.type", equalTo("authentication_error"))
                .body("error.request_id", equalTo(noToken.header("X-Request-Id")));
        String token = Api.guestToken();
        Response malformed = as(token).body("{\"title\": ").post("/v1/conversations");
        malformed.then().statusCode(400).body("error.code", equalTo("invalid_json"))
                .body("error.request_id", equalTo(malformed.header("X-Request-Id")));
        Response big = as(token).body("{\"title\":\"" + "x".repeat(1_100_000) + "\"}").post("/v1/conversations");
        big.then().statusCode(413).body("error.type", equalTo("invalid_request_error"))
                .body("error.request_id", equalTo(big.header("X-Request-Id")));
        anonymous().header("X-Request-Id", "system-test-42").get("/v1/conversations").then()
                .header("X-Request-Id", "system-test-42").body("error.request_id", equalTo("system-test-42"));
    }

    @Test
    void apiKeysWorkOnEveryServiceAndStopWorkingWithinASecondOfRevocation() throws InterruptedException {
        String token = Api.guestToken();
        Map<String, Object> key = Api.apiKey(token, "read", "write");
        String sk = (String) key.get("key");
        anonymous().header("X-API-Key", sk).get("/v1/conversations").then().statusCode(200);
        anonymous().header("Authorization", "Bearer " + sk).get("/v1/models").then().statusCode(200);
        as(token).delete("/llm/auth/api-keys/" + key.get("id")).then().statusCode(204);
        Thread.sleep(1000);
        anonymous().header("X-API-Key", sk).get("/v1/conversations").then().statusCode(401);
        anonymous().header("X-API-Key", sk).get("/v1/models").then().statusCode(401);
    }

    @Test
    void readOnlyKeyCannotWriteOnAnotherService() {
        String token = Api.guestToken();
        String sk = (String) Api.apiKey(token, "read").get("key");
        anonymous().header("X-API-Key", sk).get("/v1/conversations").then().statusCode(200);
        anonymous().header("X-API-Key", sk).contentType("application/json").body("{\"title\":\"x\"}")
                .post("/v1/conversations").then().statusCode(403).body("error.type", equalTo("permission_error"));
        anonymous().header("X-API-Key", sk).contentType("application/json")
                .body("{\"model\":\"jan-v2-30b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(403);
    }

    @Test
    void revokedSessionIsRefusedByEveryServiceWithinASecond() throws InterruptedException {
        Map<String, Object> guest = Api.guest();
        String token = (String) guest.get("access_token");
        as(token).get("/v1/conversations").then().statusCode(200);
        anonymous().contentType("application/json").body(Map.of("token", token)).post("/llm/auth/revoke")
                .then().statusCode(200);
        Thread.sleep(1000);
        as(token).get("/v1/conversations").then().statusCode(401);
        as(token).get("/v1/models/catalogs").then().statusCode(401);
        as(token).get("/v1/users/me/settings").then().statusCode(401);
        anonymous().contentType("application/json").body(Map.of("refresh_token", guest.get("refresh_token")))
                .post("/llm/auth/refresh").then().statusCode(401);
    }

    @Test
    void completionWithAConversationStoresBothMessages() {
        String token = Api.guestToken();
        String conversation = as(token).body(Map.of("title", "chat")).post("/v1/conversations").then().statusCode(201)
                .extract().path("data.id");
        String reply = as(token).body(Map.of("model", "jan-v2-30b", "conversation", conversation,
                "messages", List.of(Map.of("role", "user", "content", "Remember the word tangerine."))))
                .post("/v1/chat/completions").then().statusCode(200).extract().path("choices[0].message.content");
        as(token).get("/v1/conversations/" + conversation).then().statusCode(200)
                .body("data.items", hasSize(2))
                .body("data.items[0].role", equalTo("user"))
                .body("data.items[0].content", equalTo("Remember the word tangerine."))
                .body("data.items[1].role", equalTo("assistant"))
                .body("data.items[1].content", equalTo(reply));
        String other = Api.guestToken();
        as(other).body(Map.of("model", "jan-v2-30b", "conversation", conversation,
                "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .post("/v1/chat/completions").then().statusCode(404);
    }

    @Test
    void adminDisablesAModelAndTheNextCompletionIs404AndTheAuditLogSaysWhy() {
        String admin = Api.adminToken();
        String user = Api.guestToken();
        Map<String, Object> body = Map.of("model", "gpt-4o",
                "messages", List.of(Map.of("role", "user", "content", "hello")));
        as(user).body(body).post("/v1/chat/completions").then().statusCode(200);
        as(admin).body(Map.of("model_ids", List.of("gpt-4o"), "enabled", false, "reason", "system test: off"))
                .post("/v1/admin/models/provider-models/bulk-toggle").then().statusCode(200).body("data.count", equalTo(1));
        try {
            as(user).body(body).post("/v1/chat/completions").then().statusCode(404)
                    .body("error.code", equalTo("model_not_found"));
            as(user).get("/v1/models").then().statusCode(200).body("data.id", org.hamcrest.Matchers.not(hasItem("gpt-4o")));
        } finally {
            as(admin).body(Map.of("model_ids", List.of("gpt-4o"), "enabled", true, "reason", "system test: on"))
                    .post("/v1/admin/models/provider-models/bulk-toggle").then().statusCode(200);
        }
        as(user).body(body).post("/v1/chat/completions").then().statusCode(200);
        as(admin).get("/v1/admin/audit-log?limit=20").then().statusCode(200)
                .body("data.reason", hasItem("system test: off"));
        as(user).get("/v1/admin/audit-log").then().statusCode(403);
    }

    @Test
    void adminRateLimitIsEnforcedOnTheNextCompletion() {
        String admin = Api.adminToken();
        String user = Api.guestToken();
        as(admin).body(Map.of("rate_limit", Map.of("requests_per_minute", 2)))
                .patch("/v1/admin/models/provider-models/gpt-4o-mini").then().statusCode(200);
        try {
            Map<String, Object> body = Map.of("model", "gpt-4o-mini",
                    "messages", List.of(Map.of("role", "user", "content", "hello")));
            int limited = 0;
            for (int i = 0; i < 4; i++) {
                Response r = as(user).body(body).post("/v1/chat/completions");
                if (r.statusCode() == 429) {
                    limited++;
                    r.then().body("error.type", equalTo("rate_limit_error")).header("Retry-After", notNullValue())
                            .header("X-RateLimit-Limit", equalTo("2"));
                }
            }
            assertEquals(true, limited >= 2, "at most 2 of 4 requests may pass a limit of 2/min, " + limited + " were limited");
        } finally {
            as(admin).body(Map.of("rate_limit", Map.of("requests_per_minute", 1000)))
                    .patch("/v1/admin/models/provider-models/gpt-4o-mini").then().statusCode(200);
        }
    }

    @Test
    void streamedCompletionArrivesAsServerSentEvents() {
        String token = Api.guestToken();
        String body = RestAssured.given().baseUri(RunningSuite.BASE).header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body(Map.of("model", "jan-v2-30b", "stream", true,
                        "messages", List.of(Map.of("role", "user", "content", "stream please"))))
                .post("/v1/chat/completions").then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("text/event-stream"))
                .extract().asString();
        List<String> events = body.lines().filter(l -> l.startsWith("data: ")).toList();
        assertEquals("data: [DONE]", events.get(events.size() - 1));
        assertEquals(true, events.size() > 3, "several chunks: " + events.size());
    }
}
