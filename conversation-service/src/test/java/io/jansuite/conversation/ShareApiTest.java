package io.jansuite.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeInferenceServer.class)
class ShareApiTest {

    private final Api user = Api.newUser();

    private JsonPath share(String conversationId, Map<String, Object> body) {
        return user.as().body(body).post("/v1/conversations/{id}/share", conversationId).then().statusCode(201)
                .extract().jsonPath();
    }

    @Test
    void shareReturnsALinkUnderThePublicBaseUrl() {
        String id = user.createConversation("shared chat");
        JsonPath share = share(id, Map.of("expires_in", 7 * 24 * 3600, "read_only", true, "allow_feedback", false));
        String slug = share.getString("data.slug");
        assertTrue(share.getString("data.id").startsWith("shr_"));
        assertTrue(slug.matches("[0-9A-Za-z]{22,}"), "base62, at least 128 bits: " + slug);
        assertEquals("http://share.test/v1/public/shares/" + slug, share.getString("data.share_link"));
        assertEquals(true, share.getBoolean("data.read_only"));
        assertEquals(false, share.getBoolean("data.allow_feedback"));
        Duration ttl = Duration.between(Instant.parse(share.getString("data.created_at")),
                Instant.parse(share.getString("data.expires_at")));
        assertEquals(Duration.ofDays(7), ttl);
    }

    @Test
    void publicViewNeedsNoCredentialsAndShowsNoOwnerOrMetadata() {
        String id = user.createConversation("shared chat");
        user.send(id, "user", "question");
        user.send(id, "assistant", "answer");
        String slug = share(id, Map.of()).getString("data.slug");
        given().get("/v1/public/shares/{slug}", slug).then().statusCode(200)
                .body("data.title", equalTo("shared chat"))
                .body("data.items.content", equalTo(List.of("question", "answer")))
                .body("data.items[0].role", equalTo("user"))
                .body("data.created_at", notNullValue())
                .body("data", not(hasKey("metadata")))
                .body("data", not(hasKey("user_id")))
                .body("data", not(hasKey("id")))
                .body("data.items[0]", not(hasKey("conversation_id")))
                .body("data.expires_at", nullValue());
    }

    @Test
    void shareWithoutBodyDefaultsToReadOnlyWithoutExpiry() {
        String id = user.createConversation("x");
        given().auth().oauth2(user.token).post("/v1/conversations/{id}/share", id).then().statusCode(201)
                .body("data.read_only", equalTo(true)).body("data.allow_feedback", equalTo(false))
                .body("data.expires_at", nullValue());
    }

    @Test
    void expiredLinkIs410() throws InterruptedException {
        String id = user.createConversation("short-lived");
        String slug = share(id, Map.of("expires_in", 1)).getString("data.slug");
        given().get("/v1/public/shares/{slug}", slug).then().statusCode(200);
        Thread.sleep(1100);
        given().get("/v1/public/shares/{slug}", slug).then().statusCode(410)
                .body("error.code", equalTo("share_expired"));
    }

    @Test
    void revokedLinkIs410AndRevokingIs204() {
        String id = user.createConversation("revocable");
        JsonPath share = share(id, Map.of());
        String slug = share.getString("data.slug");
        user.as().delete("/v1/conversations/{id}/share/{sid}", id, share.getString("data.id")).then().statusCode(204);
        given().get("/v1/public/shares/{slug}", slug).then().statusCode(410)
                .body("error.code", equalTo("share_revoked"));
        user.as().delete("/v1/conversations/{id}/share/shr_unknown", id).then().statusCode(404)
                .body("error.code", equalTo("share_not_found"));
    }

    @Test
    void unknownSlugIs404AndDeletedConversationsLinkIs404() {
        given().get("/v1/public/shares/doesnotexist").then().statusCode(404).body("error.code", equalTo("share_not_found"));
        String id = user.createConversation("deleted later");
        String slug = share(id, Map.of()).getString("data.slug");
        user.as().delete("/v1/conversations/{id}", id).then().statusCode(204);
        given().get("/v1/public/shares/{slug}", slug).then().statusCode(404);
    }

    @Test
    void sharesAreListedWithTheirRevocation() {
        String id = user.createConversation("listed");
        String first = share(id, Map.of()).getString("data.id");
        String second = share(id, Map.of("read_only", true)).getString("data.id");
        user.as().delete("/v1/conversations/{id}/share/{sid}", id, first).then().statusCode(204);
        user.as().get("/v1/conversations/{id}/shares", id).then().statusCode(200)
                .body("total", equalTo(2))
                .body("data.id", equalTo(List.of(second, first)))
                .body("data[0].revoked_at", nullValue())
                .body("data[1].revoked_at", notNullValue())
                .body("data[0].share_link", startsWith("http://share.test/v1/public/shares/"));
    }

    @Test
    void invalidExpiryIs400() {
        String id = user.createConversation("x");
        user.as().body(Map.of("expires_in", 0)).post("/v1/conversations/{id}/share", id).then().statusCode(400)
                .body("error.param", equalTo("expires_in"));
        user.as().body(Map.of("expires_in", "soon")).post("/v1/conversations/{id}/share", id).then().statusCode(400);
        user.as().get("/v1/conversations/{id}/shares", id).then().body("total", equalTo(0));
    }

    @Test
    void slugsAreDistinct() {
        String id = user.createConversation("x");
        String a = share(id, Map.of()).getString("data.slug");
        String b = share(id, Map.of()).getString("data.slug");
        assertTrue(!a.equals(b));
        org.hamcrest.MatcherAssert.assertThat(a, matchesPattern("[0-9A-Za-z]+"));
    }
}
