package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.conversation;
import static io.jansuite.inference.Fixtures.conversationState;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.seen;
import static io.jansuite.inference.Fixtures.simulator;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.upstream;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.inference.provider.SimulatorProvider;
import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code conversation} extra: history loaded with the caller's credential, the exchange stored after. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class ConversationTest {

    private final String token = userToken();

    @Test
    void historyIsSentBeforeTheNewMessageAndTheExchangeIsStored() {
        String id = unique("up");
        String model = route(unique("cv"), target("openai", upstream("openai", id)));
        String conv = unique("conv");
        conversation(conv, token, new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", "My name is Ada."))
                .add(new JsonObject().put("role", "assistant").put("content", "Hello Ada!")));
        JsonObject request = new JsonObject().put("model", model).put("conversation", conv).put("messages", new JsonArray()
                .add(new JsonObject().put("role", "system").put("content", "Be kind."))
                .add(new JsonObject().put("role", "user").put("content", "What is my name?")));
        given().auth().oauth2(token).contentType("application/json").body(request.encode())
                .post("/v1/chat/completions").then().statusCode(200);
        JsonPath sent = seen(id);
        assertEquals(List.of("system", "user", "assistant", "user"), sent.getList("body.messages.role"));
        assertEquals("My name is Ada.", sent.getString("body.messages[1].content"));
        JsonPath stored = conversationState(conv);
        assertEquals(2, stored.getList("appends").size(), "the question before the upstream call, the answer after");
        assertEquals(List.of("user"), stored.getList("appends[0].messages.role"));
        assertEquals("What is my name?", stored.getString("appends[0].messages[0].content"));
        assertEquals(List.of("assistant"), stored.getList("appends[1].messages.role"));
        assertEquals(FakeUpstream.TEXT, stored.getString("appends[1].messages[0].content"));
        assertEquals("completed", stored.getString("appends[1].messages[0].status"));
        assertEquals(model, stored.getString("appends[1].model"));
    }

    @Test
    void aStreamedAnswerIsStoredBeforeTheStreamEnds() {
        String model = route(unique("cv"), simulator());
        String conv = unique("conv");
        conversation(conv, token, new JsonArray());
        given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "Tell me a story").put("stream", true).put("conversation", new JsonObject().put("id", conv))
                        .encode())
                .post("/v1/chat/completions").then().statusCode(200);
        JsonPath stored = conversationState(conv);
        assertEquals(SimulatorProvider.PREFIX + "Tell me a story", stored.getString("appends[1].messages[0].content"));
    }

    @Test
    void anotherUsersConversationIs404() {
        String model = route(unique("cv"), simulator());
        String conv = unique("conv");
        conversation(conv, userToken(), new JsonArray());
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").put("conversation", conv).encode())
                .post("/v1/chat/completions").then().statusCode(404)
                .body("error.code", equalTo("conversation_not_found"));
        assertEquals(0, conversationState(conv).getList("appends").size());
    }

    @Test
    void anUpstreamDyingMidStreamLeavesTheQuestionAndThePartialAnswerMarkedIncomplete() {
        String model = route(unique("cv"), target("openai", upstream("dies", unique("up"))));
        String conv = unique("conv");
        conversation(conv, token, new JsonArray());
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "Tell me a story").put("stream", true).put("conversation", conv).encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        assertTrue(body.contains("\"code\":\"upstream_error\""), body);
        JsonPath stored = conversationState(conv);
        assertEquals("Tell me a story", stored.getString("appends[0].messages[0].content"));
        assertEquals("Once upon", stored.getString("appends[1].messages[0].content"));
        assertEquals("incomplete", stored.getString("appends[1].messages[0].status"));
        assertEquals("upstream_error", stored.getString("appends[1].messages[0].incomplete_details.reason"));
    }

    @Test
    void aClientLeavingMidStreamLeavesThePartialAnswerMarkedIncomplete() throws Exception {
        String model = route(unique("cv"), target("openai", upstream("endless", unique("up"))));
        String conv = unique("conv");
        conversation(conv, token, new JsonArray());
        try (Socket socket = RawHttp.postStream("127.0.0.1", RestAssured.port, "/v1/chat/completions", token,
                chat(model, "Go on").put("stream", true).put("conversation", conv).encode())) {
            RawHttp.readUntil(socket, " more");
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (conversationState(conv).getList("appends").size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        JsonPath stored = conversationState(conv);
        assertEquals("Go on", stored.getString("appends[0].messages[0].content"));
        assertEquals("incomplete", stored.getString("appends[1].messages[0].status"));
        assertEquals("client_disconnected", stored.getString("appends[1].messages[0].incomplete_details.reason"));
        assertTrue(stored.getString("appends[1].messages[0].content").contains(" more"), "the part that was sent");
    }

    @Test
    void aWholeAnswerThatCannotBeStoredIsReportedInAHeader() {
        String model = route(unique("cv"), simulator());
        String conv = unique("conv");
        conversation(conv, token, new JsonArray(), 1);
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").put("conversation", conv).encode())
                .post("/v1/chat/completions").then().statusCode(200)
                .header("X-Conversation-Store", equalTo("failed"));
        assertEquals(1, conversationState(conv).getList("appends").size(), "only the question was stored");
    }

    @Test
    void aStreamedAnswerThatCannotBeStoredEndsWithAnErrorEvent() {
        String model = route(unique("cv"), simulator());
        String conv = unique("conv");
        conversation(conv, token, new JsonArray(), 1);
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(chat(model, "hi").put("stream", true).put("conversation", conv).encode())
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<String> data = Fixtures.dataLines(body);
        JsonObject last = new JsonObject(data.get(data.size() - 1));
        assertEquals("conversation_store_failed", last.getJsonObject("error").getString("code"));
        assertTrue(!data.contains("[DONE]"), "no [DONE] after an answer that was not kept");
    }

    @Test
    void aQuestionThatCannotBeStoredIsNeverSentUpstream() {
        String id = unique("up");
        String model = route(unique("cv"), target("openai", upstream("openai", id)));
        String conv = unique("conv");
        conversation(conv, token, new JsonArray(), 0);
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").put("conversation", conv).encode())
                .post("/v1/chat/completions").then().statusCode(503)
                .body("error.code", equalTo("conversation_unavailable"));
        assertEquals(0, seen(id).getInt("hits"));
    }

    @Test
    void historyIsCutToTheContextWindowOldestFirstKeepingTheSystemMessage() {
        String id = unique("up");
        String model = unique("cv");
        JsonObject target = target("openai", upstream("openai", id));
        given().body(new JsonObject().put("model", model).put("catalog_id", model).put("enabled", true)
                .put("context_window", 1000).put("targets", new JsonArray().add(target)).encode())
                .post(Fixtures.neighbours() + "/control/routes/" + model).then().statusCode(200);
        JsonArray history = new JsonArray().add(new JsonObject().put("role", "system").put("content", "You are terse."));
        for (int i = 0; i < 20; i++) {
            // 104 tokens each (399 characters at four a token, plus four): seven fit in 1000 - 250 reserved - 13
            history.add(new JsonObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content",
                    "turn " + i + " " + "x".repeat(393 - String.valueOf(i).length())));
        }
        String conv = unique("conv");
        conversation(conv, token, history);
        given().auth().oauth2(token).contentType("application/json").body(chat(model, "last").put("conversation", conv).encode())
                .post("/v1/chat/completions").then().statusCode(200);
        List<String> sent = seen(id).getList("body.messages.content");
        assertEquals("You are terse.", sent.get(0), "the system message is kept");
        assertEquals("last", sent.get(sent.size() - 1));
        assertTrue(sent.get(sent.size() - 2).startsWith("turn 19 "), "the newest turn is kept");
        assertEquals(9, sent.size(), "the system message, the seven newest turns that fit, the question");
        assertTrue(sent.get(1).startsWith("turn 13 "), "dropped from the oldest: " + sent.get(1));
    }
}
