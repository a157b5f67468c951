package io.jansuite.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeInferenceServer.class)
class ConversationApiTest {

    private final Api user = Api.newUser();

    @Test
    void createReturns201WithIdTitleMetadataAndTimestamps() {
        user.as().body(Map.of("title", "Chat - 2026-11-24", "metadata", Map.of("source", "javascript-example",
                        "project_id", "proj_123")))
                .post("/v1/conversations").then().statusCode(201)
                .body("data.id", startsWith("conv_"))
                .body("data.title", equalTo("Chat - 2026-11-24"))
                .body("data.metadata.source", equalTo("javascript-example"))
                .body("data.metadata.project_id", equalTo("proj_123"))
                .body("data.created_at", notNullValue())
                .body("data.updated_at", notNullValue())
                .body("data", not(hasKey("items")));
    }

    @Test
    void createWithoutBodyMakesAnUntitledConversation() {
        given().auth().oauth2(user.token).post("/v1/conversations").then().statusCode(201)
                .body("data.id", startsWith("conv_")).body("data.title", nullValue());
    }

    @Test
    void getReturnsItemsInOrder() {
        String id = user.createConversation("ordered");
        user.send(id, "user", "one");
        user.send(id, "assistant", "two");
        user.send(id, "user", "three");
        user.as().get("/v1/conversations/{id}", id).then().statusCode(200)
                .body("data.title", equalTo("ordered"))
                .body("data.items", hasSize(3))
                .body("data.items.content", equalTo(List.of("one", "two", "three")))
                .body("data.items[1].role", equalTo("assistant"));
    }

    @Test
    void listIsNewestFirstPaginatedAndAscendingOnRequest() {
        for (int i = 0; i < 5; i++) {
            user.createConversation("c" + i);
        }
        user.as().get("/v1/conversations?limit=2&offset=0").then().statusCode(200)
                .body("data.title", equalTo(List.of("c4", "c3")))
                .body("total", equalTo(5)).body("limit", equalTo(2)).body("offset", equalTo(0))
                .body("has_more", equalTo(true))
                .body("data[0]", not(hasKey("items")));
        user.as().get("/v1/conversations?limit=2&offset=4").then()
                .body("data.title", equalTo(List.of("c0"))).body("has_more", equalTo(false));
        user.as().get("/v1/conversations?order=asc&limit=20&offset=0").then()
                .body("data.title", equalTo(List.of("c0", "c1", "c2", "c3", "c4")));
    }

    @Test
    void badPaginationAndOrderAre400() {
        user.as().get("/v1/conversations?limit=101").then().statusCode(400).body("error.param", equalTo("limit"));
        user.as().get("/v1/conversations?limit=0").then().statusCode(400);
        user.as().get("/v1/conversations?offset=-1").then().statusCode(400).body("error.param", equalTo("offset"));
        user.as().get("/v1/conversations?order=sideways").then().statusCode(400).body("error.code", equalTo("invalid_order"));
    }

    @Test
    void patchChangesTitleAndMergesMetadata() {
        String id = user.createConversation("before");
        String updatedAt = user.as().get("/v1/conversations/{id}", id).then().extract().path("data.updated_at");
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("project_id", "proj_new");
        user.as().body(Map.of("title", "Updated Title", "metadata", metadata))
                .patch("/v1/conversations/{id}", id).then().statusCode(200)
                .body("data.title", equalTo("Updated Title"))
                .body("data.metadata.project_id", equalTo("proj_new"))
                .body("data.metadata.source", equalTo("test"))
                .body("data.updated_at", not(equalTo(updatedAt)));
        user.as().get("/v1/conversations/{id}", id).then()
                .body("data.title", equalTo("Updated Title")).body("data.metadata.source", equalTo("test"));
    }

    @Test
    void nullMetadataValueRemovesTheKey() {
        String id = user.createConversation("x");
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("source", null);
        user.as().body(Map.of("metadata", metadata)).patch("/v1/conversations/{id}", id).then().statusCode(200)
                .body("data.metadata", not(hasKey("source"))).body("data.title", equalTo("x"));
    }

    @Test
    void postOnTheConversationIsAnAliasOfPatch() {
        String id = user.createConversation("before");
        user.as().body(Map.of("title", "via post")).post("/v1/conversations/{id}", id).then().statusCode(200)
                .body("data.title", equalTo("via post"));
    }

    @Test
    void deleteIs204AndTheConversationAndItsItemsAreGone() {
        String id = user.createConversation("doomed");
        user.send(id, "user", "hi");
        user.as().delete("/v1/conversations/{id}", id).then().statusCode(204);
        user.as().get("/v1/conversations/{id}", id).then().statusCode(404)
                .body("error.code", equalTo("conversation_not_found"));
        user.as().get("/v1/conversations/{id}/items", id).then().statusCode(404);
        user.as().delete("/v1/conversations/{id}", id).then().statusCode(404);
    }

    @Test
    void bulkDeleteCountsOnlyTheCallersOwn() {
        Api other = Api.newUser();
        String mine1 = user.createConversation("a");
        String mine2 = user.createConversation("b");
        String keep = user.createConversation("keep");
        String theirs = other.createConversation("theirs");
        user.as().body(Map.of("conversation_ids", List.of(mine1, mine2, theirs, "conv_doesnotexist")))
                .post("/v1/conversations/bulk-delete").then().statusCode(200)
                .body("data.deleted_count", equalTo(2));
        other.as().get("/v1/conversations/{id}", theirs).then().statusCode(200);
        user.as().get("/v1/conversations/{id}", keep).then().statusCode(200);
        user.as().get("/v1/conversations").then().body("total", equalTo(1));
    }

    @Test
    void bulkDeleteNeedsTheIds() {
        user.as().body("{}").post("/v1/conversations/bulk-delete").then().statusCode(400)
                .body("error.param", equalTo("conversation_ids"));
        user.as().body(Map.of("conversation_ids", List.of())).post("/v1/conversations/bulk-delete").then()
                .statusCode(200).body("data.deleted_count", equalTo(0));
    }

    @Test
    void titleOver256CharactersIs400() {
        user.as().body(Map.of("title", "x".repeat(257))).post("/v1/conversations").then().statusCode(400)
                .body("error.param", equalTo("title")).body("error.type", equalTo("invalid_request_error"));
        user.as().body(Map.of("title", "x".repeat(256))).post("/v1/conversations").then().statusCode(201);
    }

    @Test
    void metadataLimitsAre400NamingTheField() {
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            many.put("k" + i, i);
        }
        user.as().body(Map.of("metadata", many)).post("/v1/conversations").then().statusCode(400)
                .body("error.param", equalTo("metadata"));
        user.as().body(Map.of("metadata", Map.of("k".repeat(65), "v"))).post("/v1/conversations").then()
                .statusCode(400).body("error.code", equalTo("invalid_metadata"));
        user.as().body(Map.of("metadata", Map.of("big", "v".repeat(1100)))).post("/v1/conversations").then()
                .statusCode(400).body("error.param", equalTo("metadata.big"));
        user.as().body(Map.of("metadata", Map.of("nested", Map.of("a", 1)))).post("/v1/conversations").then()
                .statusCode(400).body("error.param", equalTo("metadata.nested"));
        user.as().body(Map.of("metadata", Map.of("n", 1, "b", true, "s", "x"))).post("/v1/conversations").then()
                .statusCode(201).body("data.metadata.n", equalTo(1)).body("data.metadata.b", equalTo(true));
    }

    @Test
    void mergedMetadataMayNotGrowPast16Keys() {
        Map<String, Object> sixteen = new HashMap<>();
        for (int i = 0; i < 16; i++) {
            sixteen.put("k" + i, i);
        }
        String id = user.as().body(Map.of("metadata", sixteen)).post("/v1/conversations").then().statusCode(201)
                .extract().path("data.id");
        user.as().body(Map.of("metadata", Map.of("one_more", 1))).patch("/v1/conversations/{id}", id).then()
                .statusCode(400).body("error.param", equalTo("metadata"));
        user.as().get("/v1/conversations/{id}", id).then().body("data.metadata", not(hasKey("one_more")));
    }

    @Test
    void malformedJsonIs400AndNoCredentialsIs401() {
        user.as().body("{\"title\": ").post("/v1/conversations").then().statusCode(400)
                .body("error.code", equalTo("invalid_json"));
        given().get("/v1/conversations").then().statusCode(401).body("error.type", equalTo("authentication_error"));
        given().contentType("application/json").body("{}").post("/v1/conversations").then().statusCode(401);
    }

    @Test
    void idsAreUnique() {
        String a = user.createConversation("a");
        String b = user.createConversation("b");
        assertNotEquals(a, b);
        assertEquals(27, a.length(), "conv_ + 22 base62 characters");
    }

    @Test
    void openApiDocumentsTheCreated201WithItsSchema() {
        JsonObject responses = new JsonObject(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString())
                .getJsonObject("paths").getJsonObject("/v1/conversations").getJsonObject("post").getJsonObject("responses");
        assertEquals("#/components/schemas/ConversationEnvelope", responses.getJsonObject("201").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        assertFalse(responses.containsKey("200"), responses.encode());
    }
}
