package io.jansuite.conversation;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A second user trying every call on the first user's data gets 404, and nothing changes. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeInferenceServer.class)
class IsolationTest {

    private final Api owner = Api.newUser();
    private final Api stranger = Api.newUser();

    private static void is404(String what, Supplier<Response> call, String code) {
        Response r = call.get();
        assertEquals(404, r.statusCode(), what + ": " + r.asString());
        assertEquals(code, r.jsonPath().getString("error.code"), what);
        assertEquals("not_found_error", r.jsonPath().getString("error.type"), what);
    }

    @Test
    void otherUsersConversationIs404ForEveryCallAndUnchanged() {
        String id = owner.createConversation("private");
        String msg = owner.send(id, "user", "secret question");
        owner.send(id, "assistant", "secret answer");
        String shareId = owner.as().body(Map.of()).post("/v1/conversations/{id}/share", id).then().statusCode(201)
                .extract().path("data.id");
        String before = owner.as().get("/v1/conversations/{id}", id).then().statusCode(200).extract().asString();

        String nf = "conversation_not_found";
        is404("get", () -> stranger.as().get("/v1/conversations/{id}", id), nf);
        is404("patch", () -> stranger.as().body(Map.of("title", "pwned", "metadata", Map.of("x", 1)))
                .patch("/v1/conversations/{id}", id), nf);
        is404("post alias", () -> stranger.as().body(Map.of("title", "pwned")).post("/v1/conversations/{id}", id), nf);
        is404("delete", () -> stranger.as().delete("/v1/conversations/{id}", id), nf);
        is404("list items", () -> stranger.as().get("/v1/conversations/{id}/items", id), nf);
        is404("send item", () -> stranger.as().body(Map.of("role", "user", "content", "injected"))
                .post("/v1/conversations/{id}/items", id), nf);
        is404("get item", () -> stranger.as().get("/v1/conversations/{id}/items/{m}", id, msg), nf);
        is404("edit item", () -> stranger.as().body(Map.of("content", "changed"))
                .patch("/v1/conversations/{id}/items/{m}", id, msg), nf);
        is404("delete item", () -> stranger.as().delete("/v1/conversations/{id}/items/{m}", id, msg), nf);
        is404("regenerate", () -> stranger.as().body(Map.of("model", "jan-v2-30b"))
                .post("/v1/conversations/{id}/items/{m}/regenerate", id, msg), nf);
        is404("share", () -> stranger.as().body(Map.of()).post("/v1/conversations/{id}/share", id), nf);
        is404("list shares", () -> stranger.as().get("/v1/conversations/{id}/shares", id), nf);
        is404("revoke share", () -> stranger.as().delete("/v1/conversations/{id}/share/{s}", id, shareId), nf);
        stranger.as().body(Map.of("conversation_ids", List.of(id))).post("/v1/conversations/bulk-delete").then()
                .statusCode(200).body("data.deleted_count", equalTo(0));
        stranger.as().get("/v1/conversations").then().body("total", equalTo(0));

        String after = owner.as().get("/v1/conversations/{id}", id).then().statusCode(200).extract().asString();
        assertEquals(before, after, "the owner's conversation must be unchanged");
        owner.as().get("/v1/conversations/{id}/shares", id).then().body("data[0].revoked_at", equalTo(null));
    }

    @Test
    void aMessageIdOfAnotherConversationIsNotReachableThroughYourOwn() {
        String theirs = owner.createConversation("theirs");
        String theirMsg = owner.send(theirs, "user", "theirs");
        String mine = stranger.createConversation("mine");
        is404("get", () -> stranger.as().get("/v1/conversations/{id}/items/{m}", mine, theirMsg), "item_not_found");
        is404("edit", () -> stranger.as().body(Map.of("content", "x"))
                .patch("/v1/conversations/{id}/items/{m}", mine, theirMsg), "item_not_found");
        is404("delete", () -> stranger.as().delete("/v1/conversations/{id}/items/{m}", mine, theirMsg), "item_not_found");
        owner.as().get("/v1/conversations/{id}/items/{m}", theirs, theirMsg).then().statusCode(200)
                .body("data.content", equalTo("theirs"));
    }
}
