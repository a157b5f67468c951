package io.jansuite.conversation;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.testing.InternalCalls;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pages of a conversation's items and their total, which is kept on the conversation rather than counted. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeInferenceServer.class)
class ItemPagesTest {

    private final Api user = Api.newUser();

    @Test
    void pagesWalkThePositionsInBothOrdersWithoutGapsOrRepeats() {
        String id = user.createConversation("long");
        IntStream.range(0, 23).forEach(i -> user.send(id, "user", "m" + i));
        assertEquals(IntStream.range(0, 23).mapToObj(i -> "m" + i).toList(), walk(id, "asc", 5));
        assertEquals(IntStream.range(0, 23).mapToObj(i -> "m" + (22 - i)).toList(), walk(id, "desc", 5));
        user.as().get("/v1/conversations/{id}/items?limit=5&offset=23", id).then().statusCode(200)
                .body("data", empty()).body("total", equalTo(23)).body("has_more", equalTo(false));
        user.as().get("/v1/conversations/{id}/items?limit=5&offset=1000", id).then().statusCode(200)
                .body("data", empty()).body("total", equalTo(23));
    }

    @Test
    void totalFollowsAppendsAndDeletesAndPagesSkipTheGap() {
        String id = user.createConversation("edited");
        List<String> ids = IntStream.range(0, 6).mapToObj(i -> user.send(id, "user", "m" + i)).toList();
        user.as().delete("/v1/conversations/{id}/items/{m}", id, ids.get(2)).then().statusCode(204);
        user.as().delete("/v1/conversations/{id}/items/{m}", id, ids.get(2)).then().statusCode(404);
        user.as().get("/v1/conversations/{id}/items?limit=2&offset=2", id).then()
                .body("data.content", equalTo(List.of("m3", "m4"))).body("total", equalTo(5));
        user.as().filter(InternalCalls.signer("inference-service")).body(Map.of("model", "m", "messages", List.of(
                        Map.of("role", "user", "content", "q"), Map.of("role", "assistant", "content", "a"))))
                .post("/internal/conversations/{id}/messages", id).then().statusCode(201);
        user.as().get("/v1/conversations/{id}/items?order=desc&limit=3", id).then()
                .body("data.content", equalTo(List.of("a", "q", "m5"))).body("total", equalTo(7));
    }

    @Test
    void anotherUsersConversationIs404AndGetsNoMessage() {
        String id = user.createConversation("mine");
        user.send(id, "user", "secret");
        Api stranger = Api.newUser();
        stranger.as().get("/v1/conversations/{id}/items", id).then().statusCode(404);
        stranger.as().body(Map.of("role", "user", "content", "x")).post("/v1/conversations/{id}/items", id).then()
                .statusCode(404);
        user.as().get("/v1/conversations/{id}/items", id).then().body("total", equalTo(1))
                .body("data.content", equalTo(List.of("secret")));
    }

    private List<String> walk(String id, String order, int limit) {
        List<String> seen = new ArrayList<>();
        for (int offset = 0; ; offset += limit) {
            List<String> page = user.as().get("/v1/conversations/{id}/items?order={o}&limit={l}&offset={n}", id, order, limit, offset)
                    .then().statusCode(200).body("total", equalTo(23)).extract().path("data.content");
            seen.addAll(page);
            if (page.size() < limit) {
                return seen;
            }
        }
    }
}
