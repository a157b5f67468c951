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

import io.jansuite.inference.client.SimulatorProvider;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code conversation} extra: history loaded with the caller's credential, the exchange stored after. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstreams.class)
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
        assertEquals(1, stored.getList("appends").size());
        assertEquals(List.of("user", "assistant"), stored.getList("appends[0].messages.role"));
        assertEquals("What is my name?", stored.getString("appends[0].messages[0].content"));
        assertEquals(FakeUpstreams.OPENAI_TEXT, stored.getString("appends[0].messages[1].content"));
        assertEquals(model, stored.getString("appends[0].model"));
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
        assertEquals(SimulatorProvider.PREFIX + "Tell me a story", stored.getString("appends[0].messages[1].content"));
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
}
