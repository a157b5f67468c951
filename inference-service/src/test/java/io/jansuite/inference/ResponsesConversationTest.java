package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.conversation;
import static io.jansuite.inference.Fixtures.conversationState;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.userToken;
import static io.jansuite.inference.ResponsesTest.model;
import static io.jansuite.inference.ResponsesTest.requests;
import static io.jansuite.inference.ResponsesTest.scripted;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Jan extra {@code conversation} on /v1/responses: the conversation's messages are the turns before the
 * input, the user's input is stored before the model is asked, and the answer when the response ends
 * (marked incomplete when it failed), whole, streamed or in the background.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
@QuarkusTestResource(io.jansuite.testing.FakeAuthService.class)
class ResponsesConversationTest {

    private final String token = userToken();

    private String conversationWithHistory() {
        String id = unique("conv");
        conversation(id, token, new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", "My name is Ada."))
                .add(new JsonObject().put("role", "assistant").put("content", "Hello Ada.")));
        return id;
    }

    private JsonPath create(JsonObject body) {
        return given().auth().oauth2(token).contentType("application/json").body(body.encode())
                .post("/v1/responses").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void conversationIsTheContextAndGetsTheQuestionAndTheAnswer() {
        String conv = conversationWithHistory();
        String s = scripted(new JsonObject().put("text", "You are Ada."));
        JsonPath r = create(new JsonObject().put("model", model(s)).put("input", "What is my name?")
                .put("instructions", "Be brief.").put("conversation", conv));
        assertEquals("completed", r.getString("status"));
        assertEquals(conv, r.getString("conversation.id"));

        JsonArray sent = requests(s).getJsonObject(0).getJsonArray("messages");
        assertEquals(List.of("system", "user", "assistant", "user"), sent.stream()
                .map(m -> ((JsonObject) m).getString("role")).toList());
        assertEquals("My name is Ada.", sent.getJsonObject(1).getString("content"));
        assertEquals("Hello Ada.", sent.getJsonObject(2).getString("content"));
        assertEquals("What is my name?", sent.getJsonObject(3).getString("content"));

        JsonPath state = conversationState(conv);
        assertEquals(2, state.getList("appends").size(), "the question, then the answer");
        assertEquals("What is my name?", state.getString("appends[0].messages[0].content"));
        assertEquals("user", state.getString("appends[0].messages[0].role"));
        assertEquals(model(s), state.getString("appends[0].model"));
        assertEquals("You are Ada.", state.getString("appends[1].messages[0].content"));
        assertEquals("completed", state.getString("appends[1].messages[0].status"));

        // also {id}, OpenAI's form, and streamed
        String streamed = scripted(new JsonObject().put("text", "Still Ada."));
        String body = given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", model(streamed)).put("input", "Again?").put("stream", true)
                        .put("conversation", new JsonObject().put("id", conv)).encode())
                .post("/v1/responses").then().statusCode(200).extract().asString();
        assertTrue(body.contains("response.completed"));
        state = conversationState(conv);
        assertEquals(4, state.getList("appends").size());
        assertEquals("Still Ada.", state.getString("appends[3].messages[0].content"));
    }

    @Test
    void anUpstreamFailingMidLoopLeavesTheQuestionAndAnIncompleteAnswerAndNoSecret() {
        BuiltinFixtures.register(Set.of(), null);
        String conv = conversationWithHistory();
        String s = scripted(new JsonObject().put("tools", new JsonArray().add(new JsonObject()
                        .put("id", "call_" + UUID.randomUUID()).put("name", "jan__conversation_search")
                        .put("arguments", "{\"query\":\"Ada\"}"))),
                new JsonObject().put("status", 500), new JsonObject().put("status", 500));
        JsonPath r = create(new JsonObject().put("model", model(s)).put("input", "Find Ada").put("conversation", conv)
                .put("tools", new JsonArray().add(new JsonObject().put("type", "mcp").put("server_label", "jan"))));
        assertEquals("failed", r.getString("status"));
        assertEquals("completed", r.getString("output[1].status"), "the tool ran before the upstream failed");
        String error = r.getString("error.message");
        assertFalse(error.contains("127.0.0.1") || error.contains("Bearer") || error.contains("Exception"), error);
        JsonPath state = conversationState(conv);
        assertEquals(2, state.getList("appends").size());
        assertEquals("Find Ada", state.getString("appends[0].messages[0].content"));
        assertEquals("incomplete", state.getString("appends[1].messages[0].status"));
        assertEquals("upstream_error", state.getString("appends[1].messages[0].incomplete_details.reason"));
    }

    @Test
    void aBackgroundResponseWritesItsAnswerWhenItEnds() throws Exception {
        String conv = conversationWithHistory();
        String s = scripted(new JsonObject().put("text", "Done later."));
        JsonPath queued = create(new JsonObject().put("model", model(s)).put("input", "Later please")
                .put("background", true).put("conversation", conv));
        assertEquals("Later please", conversationState(conv).getString("appends[0].messages[0].content"),
                "the question is stored before the answer is queued");
        String status = "queued";
        for (int i = 0; i < 100 && !status.equals("completed"); i++) {
            Thread.sleep(50);
            status = given().auth().oauth2(token).get("/v1/responses/" + queued.getString("id")).then().extract()
                    .path("status");
        }
        assertEquals("completed", status);
        assertEquals("Done later.", conversationState(conv).getString("appends[1].messages[0].content"));
    }

    @Test
    void anotherUsersOrAnUnknownConversationIs404AndNoModelIsAsked() {
        String conv = conversationWithHistory();
        String s = scripted(new JsonObject().put("text", "never"));
        for (String who : List.of(userToken(), token)) {
            String id = who.equals(token) ? "conv_nobody" : conv;
            given().auth().oauth2(who).contentType("application/json")
                    .body(new JsonObject().put("model", model(s)).put("input", "x").put("conversation", id).encode())
                    .post("/v1/responses").then().statusCode(404)
                    .body("error.code", equalTo("conversation_not_found"))
                    .body("error.param", equalTo("conversation"));
        }
        assertEquals(0, requests(s).size());
        assertEquals(0, conversationState(conv).getList("appends").size());
    }

    @Test
    void conversationAndPreviousResponseIdTogetherIsA400() {
        given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", "m").put("input", "x").put("conversation", "conv_a")
                        .put("previous_response_id", "resp_b").encode())
                .post("/v1/responses").then().statusCode(400).body("error.param", equalTo("conversation"));
        given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", "m").put("input", "x").put("conversation", 5).encode())
                .post("/v1/responses").then().statusCode(400).body("error.param", equalTo("conversation"));
    }
}
