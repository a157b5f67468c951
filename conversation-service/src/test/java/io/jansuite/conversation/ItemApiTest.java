package io.jansuite.conversation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeInferenceServer.class)
class ItemApiTest {

    private final Api user = Api.newUser();

    @Test
    void sendReturns201WithTheMessage() {
        String id = user.createConversation("chat");
        user.as().body(Map.of("role", "user", "content", "Hello! How are you?", "content_type", "text"))
                .post("/v1/conversations/{id}/items", id).then().statusCode(201)
                .body("data.id", startsWith("msg_"))
                .body("data.role", equalTo("user"))
                .body("data.content", equalTo("Hello! How are you?"))
                .body("data.content_type", equalTo("text"))
                .body("data.conversation_id", equalTo(id))
                .body("data.created_at", notNullValue())
                .body("data.updated_at", notNullValue());
    }

    @Test
    void contentTypeDefaultsToText() {
        String id = user.createConversation("chat");
        user.as().body(Map.of("role", "system", "content", "be brief")).post("/v1/conversations/{id}/items", id)
                .then().statusCode(201).body("data.content_type", equalTo("text"));
    }

    @Test
    void addingAMessageMovesTheConversationsUpdatedAt() {
        String id = user.createConversation("chat");
        String before = user.as().get("/v1/conversations/{id}", id).then().extract().path("data.updated_at");
        user.send(id, "user", "hi");
        String after = user.as().get("/v1/conversations/{id}", id).then().extract().path("data.updated_at");
        assertTrue(Instant.parse(after).isAfter(Instant.parse(before)), before + " -> " + after);
    }

    @Test
    void listIsOldestFirstAndPaginated() {
        String id = user.createConversation("chat");
        for (int i = 0; i < 5; i++) {
            user.send(id, i % 2 == 0 ? "user" : "assistant", "m" + i);
        }
        user.as().get("/v1/conversations/{id}/items?limit=2&offset=0", id).then().statusCode(200)
                .body("data.content", equalTo(List.of("m0", "m1")))
                .body("total", equalTo(5)).body("has_more", equalTo(true)).body("limit", equalTo(2));
        user.as().get("/v1/conversations/{id}/items?limit=50&offset=3", id).then()
                .body("data.content", equalTo(List.of("m3", "m4"))).body("has_more", equalTo(false))
                .body("offset", equalTo(3));
        user.as().get("/v1/conversations/{id}/items?order=desc&limit=1", id).then()
                .body("data.content", equalTo(List.of("m4")));
        user.as().get("/v1/conversations/{id}/items?limit=500", id).then().statusCode(400)
                .body("error.param", equalTo("limit"));
    }

    @Test
    void concurrentSendsAllLandInDistinctPositions() throws Exception {
        String id = user.createConversation("busy");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> sends = IntStream.range(0, 24).mapToObj(i -> pool.submit(() -> user.as()
                    .body(Map.of("role", "user", "content", "c" + i)).post("/v1/conversations/{id}/items", id)
                    .statusCode())).toList();
            for (Future<Integer> f : sends) {
                assertEquals(201, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> contents = user.as().get("/v1/conversations/{id}", id).then().extract().path("data.items.content");
        assertEquals(24, contents.size());
        assertEquals(24, Set.copyOf(contents).size());
    }

    @Test
    void editChangesContentAndGivesANewUpdatedAt() {
        String id = user.createConversation("chat");
        String msg = user.send(id, "user", "original");
        String before = user.as().get("/v1/conversations/{id}/items/{m}", id, msg).then().statusCode(200)
                .extract().path("data.updated_at");
        String after = user.as().body(Map.of("content", "Updated message content"))
                .patch("/v1/conversations/{id}/items/{m}", id, msg).then().statusCode(200)
                .body("data.content", equalTo("Updated message content"))
                .body("data.id", equalTo(msg))
                .extract().path("data.updated_at");
        assertNotEquals(before, after);
        assertTrue(Instant.parse(after).isAfter(Instant.parse(before)));
        user.as().get("/v1/conversations/{id}", id).then().body("data.items[0].content", equalTo("Updated message content"));
    }

    @Test
    void deleteIs204AndTheMessageIsGone() {
        String id = user.createConversation("chat");
        String keep = user.send(id, "user", "keep");
        String gone = user.send(id, "assistant", "gone");
        user.as().delete("/v1/conversations/{id}/items/{m}", id, gone).then().statusCode(204);
        user.as().get("/v1/conversations/{id}/items", id).then().body("data.id", equalTo(List.of(keep)));
        user.as().delete("/v1/conversations/{id}/items/{m}", id, gone).then().statusCode(404)
                .body("error.code", equalTo("item_not_found"));
        user.send(id, "user", "after a delete");
        user.as().get("/v1/conversations/{id}", id).then().body("data.items", hasSize(2))
                .body("data.items[1].content", equalTo("after a delete"));
    }

    @Test
    void unknownMessageAndUnknownConversationAre404WithTheirCodes() {
        String id = user.createConversation("chat");
        user.as().body(Map.of("content", "x")).patch("/v1/conversations/{id}/items/msg_nope", id).then()
                .statusCode(404).body("error.code", equalTo("item_not_found"));
        user.as().body(Map.of("role", "user", "content", "x")).post("/v1/conversations/conv_nope/items").then()
                .statusCode(404).body("error.code", equalTo("conversation_not_found"));
    }

    @Test
    void roleMustBeKnownAndContentPresent() {
        String id = user.createConversation("chat");
        user.as().body(Map.of("role", "wizard", "content", "x")).post("/v1/conversations/{id}/items", id).then()
                .statusCode(400).body("error.param", equalTo("role"));
        user.as().body(Map.of("content", "x")).post("/v1/conversations/{id}/items", id).then()
                .statusCode(400).body("error.param", equalTo("role"));
        user.as().body(Map.of("role", "user")).post("/v1/conversations/{id}/items", id).then()
                .statusCode(400).body("error.param", equalTo("content"));
        user.as().body(Map.of()).patch("/v1/conversations/{id}/items/msg_x", id).then()
                .statusCode(400).body("error.param", equalTo("content"));
        user.as().get("/v1/conversations/{id}/items", id).then().body("total", equalTo(0));
    }

    @Test
    void contentOver256KiBIs413AndNothingIsStored() {
        String id = user.createConversation("chat");
        String tooBig = "a".repeat(256 * 1024 + 1);
        user.as().body(Map.of("role", "user", "content", tooBig)).post("/v1/conversations/{id}/items", id).then()
                .statusCode(413).body("error.code", equalTo("content_too_large")).body("error.param", equalTo("content"));
        user.as().body(Map.of("role", "user", "content", "é".repeat(131 * 1024))).post("/v1/conversations/{id}/items", id)
                .then().statusCode(413);
        user.as().get("/v1/conversations/{id}/items", id).then().body("total", equalTo(0));
        String msg = user.send(id, "user", "a".repeat(256 * 1024));
        user.as().body(Map.of("content", tooBig)).patch("/v1/conversations/{id}/items/{m}", id, msg).then()
                .statusCode(413);
        user.as().get("/v1/conversations/{id}/items/{m}", id, msg).then()
                .body("data.content.length()", equalTo(256 * 1024)).body("data.content", not(equalTo(tooBig)));
    }
}
