package io.jansuite.inference.responses;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Background responses left queued or running by a process that died are marked failed with a reason (at
 * start-up and at every heartbeat), never left in progress forever; those a live replica runs are kept alive
 * and never swept; finished ones are untouched.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(io.jansuite.inference.FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
@QuarkusTestResource(io.jansuite.testing.FakeAuthService.class)
class BackgroundRecoveryTest {

    private final String userId = TestTokens.newUserId();
    private final String token = TestTokens.user(userId);

    @Inject
    Pool pool;

    @Inject
    BackgroundRecovery recovery;

    /** A row as a process that died would have left it: last marked alive ten minutes ago. */
    private String leftBehind(String status, boolean background) {
        String id = "resp_dead" + UUID.randomUUID().toString().replace("-", "");
        JsonObject body = new JsonObject().put("id", id).put("object", "response").put("status", status)
                .put("background", background).put("model", "m").put("output", new JsonArray()).putNull("error");
        OffsetDateTime then = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        pool.preparedQuery("INSERT INTO inference.responses (id, user_id, created_at, updated_at, status, model,"
                + " body, input_items, context) VALUES ($1, $2, $3, $3, $4, 'm', $5, '[]'::jsonb, '[]'::jsonb)")
                .execute(Tuple.of(id, userId, then, status, body)).await().atMost(Duration.ofSeconds(5));
        return id;
    }

    private void age(String id) {
        pool.preparedQuery("UPDATE inference.responses SET updated_at = now() - interval '10 minutes' WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void responsesLeftByADeadProcessAreMarkedFailedWithAReason() {
        String queued = leftBehind("queued", true);
        String running = leftBehind("in_progress", true);
        String done = leftBehind("completed", true);

        List<String> swept = recovery.sweep().await().atMost(Duration.ofSeconds(5));
        assertTrue(swept.containsAll(List.of(queued, running)), swept.toString());
        assertFalse(swept.contains(done));
        for (String id : List.of(queued, running)) {
            given().auth().oauth2(token).get("/v1/responses/" + id).then().statusCode(200)
                    .body("status", equalTo("failed"))
                    .body("error.code", equalTo("background_interrupted"))
                    .body("error.message", org.hamcrest.Matchers.containsString("not resumed"));
        }
        given().auth().oauth2(token).get("/v1/responses/" + done).then().body("status", equalTo("completed"));
        given().auth().oauth2(token).post("/v1/responses/" + running + "/cancel").then().statusCode(200)
                .body("status", equalTo("failed"));
        assertEquals(List.of(), recovery.sweep().await().atMost(Duration.ofSeconds(5)), "each is swept once");
    }

    @Test
    void aResponseThisReplicaRunsIsKeptAliveAndNotSwept() throws Exception {
        String script = "hang-" + UUID.randomUUID().toString().substring(0, 8);
        given().body(new JsonArray().add(new JsonObject().put("hang", true)).encode()).post(FakeUpstream.control(script))
                .then().statusCode(200);
        String model = "m-" + script;
        JsonObject target = new JsonObject().put("provider_model_id", "pmdl_" + script).put("provider_id", "prov_x")
                .put("provider_name", "openai-" + script).put("provider_type", "openai")
                .put("base_url", FakeUpstream.url("scripted", script)).putNull("api_key").put("upstream_model", "u")
                .putNull("default_temperature").putNull("requests_per_minute").put("timeouts", new JsonObject())
                .put("settings", new JsonObject());
        given().body(new JsonObject().put("model", model).put("catalog_id", model).put("enabled", true)
                .put("targets", new JsonArray().add(target)).encode())
                .post("http://127.0.0.1:" + ConfigProvider.getConfig().getValue("fake-neighbours.port", Integer.class)
                        + "/control/routes/" + model).then().statusCode(200);
        String id = given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", model).put("input", "x").put("background", true).encode())
                .post("/v1/responses").then().statusCode(200).extract().path("id");
        try {
            String status = "queued";
            for (int i = 0; i < 100 && !status.equals("in_progress"); i++) {
                Thread.sleep(20);
                status = given().auth().oauth2(token).get("/v1/responses/" + id).then().extract().path("status");
            }
            assertEquals("in_progress", status);
            age(id);
            assertFalse(recovery.sweep().await().atMost(Duration.ofSeconds(5)).contains(id), "running here");
            recovery.heartbeat().await().atMost(Duration.ofSeconds(5));
            OffsetDateTime marked = pool.preparedQuery("SELECT updated_at FROM inference.responses WHERE id = $1")
                    .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5)).iterator().next()
                    .getOffsetDateTime("updated_at");
            assertTrue(marked.isAfter(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)), "marked alive: " + marked);
            given().auth().oauth2(token).get("/v1/responses/" + id).then().body("status", equalTo("in_progress"));
        } finally {
            given().auth().oauth2(token).post("/v1/responses/" + id + "/cancel").then().statusCode(200);
        }
    }
}
