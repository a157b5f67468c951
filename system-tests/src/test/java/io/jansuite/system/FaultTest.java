package io.jansuite.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jansuite.testing.LocalServices;
import io.jansuite.testing.RawHttp;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into a suite of its own, without Redis, on a PostgreSQL the test stops and starts (so that
 * nothing depends on the shared one): while the database is down, completions with an access token and with a
 * recently used API key still answer 200 (routes from the inference-service's memory, usage spilled to disk),
 * calls that need the database answer 503 in the envelope; once it is back, writes work within seconds and the
 * outage's usage is in the usage table. And a client that leaves mid-stream finds its question and the part of
 * the answer it was sent in the conversation, marked incomplete.
 */
@Order(Integer.MAX_VALUE - 1)
class FaultTest {

    /** Beside the shared suite's ports. */
    private static final int OFFSET = RunningSuite.PORT_OFFSET + 700;
    private static final String MODEL = "jan-v2-30b";

    private static StoppablePostgres pg;
    private static RunningSuite suite;

    @BeforeAll
    static void start() throws Exception {
        Path bin = StoppablePostgres.serverBin();
        if (LocalServices.isCi()) {
            assertEquals(true, bin != null, "CI=true but no PostgreSQL server package (initdb, pg_ctl) is installed");
        }
        assumeTrue(bin != null, "no PostgreSQL server package: initdb and pg_ctl are needed");
        pg = StoppablePostgres.create(bin, 5433 + OFFSET);
        suite = RunningSuite.startOwn("outage-suite-root", OFFSET, pg.databaseUrl(), false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static RequestSpecification call(String credential) {
        return given().baseUri(suite.base).header("Authorization", "Bearer " + credential).contentType("application/json");
    }

    private static String completion(boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /** A completion that must succeed; returns the request id it was sent with. */
    private static String complete(String credential, boolean stream) {
        String requestId = "outage-" + UUID.randomUUID();
        String body = call(credential).header("X-Request-Id", requestId).body(completion(stream))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        if (stream) {
            assertEquals(true, body.contains("data: [DONE]"), "a whole stream: " + body);
        }
        return requestId;
    }

    @Test
    void completionsOutliveTheDatabaseAndTheirUsageIsWrittenWhenItReturns() throws Exception {
        String token = given().baseUri(suite.base).post("/llm/auth/guest-login").then().statusCode(200)
                .extract().path("access_token");
        Map<String, Object> key = call(token).body(Map.of("name", "outage", "scopes", List.of("read", "write")))
                .post("/llm/auth/api-keys").then().statusCode(201).extract().path("data");
        String sk = (String) key.get("key");
        String conversation = call(token).body("{\"title\":\"outage\"}").post("/v1/conversations").then()
                .statusCode(201).extract().path("data.id");
        complete(token, false);
        complete(sk, false);
        long keyVerifiedAt = System.nanoTime();

        pg.stop();
        List<String> outage = new ArrayList<>();
        outage.add(complete(token, false));
        outage.add(complete(token, true));
        call(token).get("/v1/conversations").then().statusCode(503)
                .body("error.code", notNullValue()).body("error.request_id", notNullValue());
        call(token).body("{\"model\":\"" + MODEL + "\",\"conversation\":\"" + conversation
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(503).body("error.code", equalTo("conversation_unavailable"));
        // Past the 30 s cache of verified keys: the key now works because the auth-service vouched for it lately
        long waitMs = 31_000 - (System.nanoTime() - keyVerifiedAt) / 1_000_000;
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
        outage.add(complete(sk, false));
        outage.add(complete(sk, true));

        pg.start();
        long back = System.nanoTime();
        int status = 0;
        while (status != 201 && System.nanoTime() - back < 15_000_000_000L) {
            status = call(token).body("{\"title\":\"after\"}").post("/v1/conversations").then().extract().statusCode();
            if (status != 201) {
                Thread.sleep(200);
            }
        }
        assertEquals(201, status, "writes work again once the database is back");
        long written = 0;
        while (written < outage.size() && System.nanoTime() - back < 20_000_000_000L) {
            written = usageRows(outage);
            Thread.sleep(250);
        }
        assertEquals(outage.size(), written, "the usage of every completion of the outage is in the usage table");
        call(token).get("/v1/conversations/" + conversation + "/items").then().statusCode(200)
                .body("total", equalTo(0)); // the completion refused during the outage stored nothing
    }

    private static long usageRows(List<String> requestIds) throws Exception {
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
                var s = c.prepareStatement("SELECT count(*) FROM inference.usage WHERE request_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", requestIds.toArray()));
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void aClientLeavingMidStreamFindsTheQuestionAndThePartialAnswerMarkedIncomplete() throws Exception {
        String token = given().baseUri(suite.base).post("/llm/auth/guest-login").then().statusCode(200)
                .extract().path("access_token");
        String conversation = call(token).body("{\"title\":\"left early\"}").post("/v1/conversations").then()
                .statusCode(201).extract().path("data.id");
        String question = "word ".repeat(300).strip();
        String body = "{\"model\":\"jan-v2-30b\",\"stream\":true,\"conversation\":\"" + conversation
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
        URI base = URI.create(suite.base);
        try (Socket socket = RawHttp.postStream(base.getHost(), base.getPort(), "/v1/chat/completions", token, body)) {
            RawHttp.readUntil(socket, "Simulated");
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonPath items = null;
        while (System.nanoTime() < deadline) {
            items = call(token).get("/v1/conversations/" + conversation + "/items").then().statusCode(200)
                    .extract().jsonPath();
            if (items.getList("data").size() == 2) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(List.of("user", "assistant"), items.getList("data.role"));
        assertEquals(question, items.getString("data[0].content"), "the question was stored before the answer began");
        assertEquals("completed", items.getString("data[0].status"));
        assertEquals("incomplete", items.getString("data[1].status"));
        assertEquals("client_disconnected", items.getString("data[1].incomplete_details.reason"));
        String partial = items.getString("data[1].content");
        assertTrue(partial.startsWith("Simulated") && partial.length() < question.length(),
                "the part that was sent: " + partial);
    }
}
