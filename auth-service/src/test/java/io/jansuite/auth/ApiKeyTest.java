package io.jansuite.auth;

import static io.jansuite.auth.TestSupport.bearer;
import static io.jansuite.auth.TestSupport.guestToken;
import static io.jansuite.auth.TestSupport.sql;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.common.auth.ApiKeyFormat;
import io.jansuite.testing.InternalCalls;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** API keys: create, list, use, revoke, expiry, scopes, ownership and the internal verification route. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ApiKeyTest {

    private static JsonPath create(String token, String body) {
        return given().header("Authorization", bearer(token)).contentType("application/json").body(body)
                .post("/llm/auth/api-keys").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void createShowsTheKeyOnceAndListNeverDoes() {
        String token = guestToken();
        JsonPath created = create(token, "{\"name\":\"Mobile App Key\",\"expires_in_days\":365,\"scopes\":[\"read\",\"write\"]}");
        String key = created.getString("data.key");
        assertTrue(ApiKeyFormat.isWellFormed(key));
        assertTrue(created.getString("data.id").startsWith("key_"));
        assertEquals(List.of("read", "write"), created.getList("data.scopes"));
        assertEquals(true, created.getBoolean("data.is_active"));
        assertTrue(key.startsWith(created.getString("data.prefix")));
        Instant expires = Instant.parse(created.getString("data.expires_at"));
        assertTrue(Math.abs(ChronoUnit.DAYS.between(Instant.now(), expires) - 365) <= 1);
        given().header("Authorization", bearer(token)).get("/llm/auth/api-keys").then().statusCode(200)
                .body("data.size()", equalTo(1))
                .body("data[0].id", equalTo(created.getString("data.id")))
                .body("data[0].name", equalTo("Mobile App Key"))
                .body("data[0].is_active", equalTo(true))
                .body("data[0]", not(hasKey("key")))
                .body("data[0]", hasKey("last_used_at"))
                .body("total", equalTo(1));
    }

    @Test
    void defaultsAreReadWriteAndNoExpiry() {
        JsonPath created = create(guestToken(), "{\"name\":\"CLI\"}");
        assertEquals(List.of("read", "write"), created.getList("data.scopes"));
        assertEquals(null, created.getString("data.expires_at"));
    }

    @Test
    void keyWorksInBothHeadersAndSeesItsOwner() {
        String token = guestToken();
        String key = create(token, "{\"name\":\"both\"}").getString("data.key");
        String me = given().header("Authorization", bearer(token)).get("/llm/auth/me").then().extract().path("data.id");
        given().header("X-API-Key", key).get("/llm/auth/me").then().statusCode(200).body("data.id", equalTo(me));
        given().header("Authorization", bearer(key)).get("/v1/users/me/settings").then().statusCode(200);
    }

    @Test
    void readOnlyKeyCannotWrite() {
        String key = create(guestToken(), "{\"name\":\"CLI Tool Key\",\"expires_in_days\":30,\"scopes\":[\"read\"]}")
                .getString("data.key");
        given().header("X-API-Key", key).get("/llm/auth/api-keys").then().statusCode(200);
        given().header("X-API-Key", key).contentType("application/json").body("{\"name\":\"x\"}")
                .post("/llm/auth/api-keys").then().statusCode(403).body("error.code", equalTo("insufficient_scope"));
        given().header("X-API-Key", key).contentType("application/json").body("{\"memory_config\":{\"max_items\":5}}")
                .patch("/v1/users/me/settings").then().statusCode(403);
    }

    @Test
    void deletedKeyStopsAtOnceStaysListedAndEntersTheFeed() {
        String token = guestToken();
        JsonPath created = create(token, "{\"name\":\"to revoke\"}");
        String id = created.getString("data.id");
        String key = created.getString("data.key");
        given().header("X-API-Key", key).get("/llm/auth/me").then().statusCode(200);
        given().header("Authorization", bearer(token)).delete("/llm/auth/api-keys/" + id).then().statusCode(204);
        given().header("X-API-Key", key).get("/llm/auth/me").then().statusCode(401);
        given().header("Authorization", bearer(token)).get("/llm/auth/api-keys").then().statusCode(200)
                .body("data.find { it.id == '" + id + "' }.is_active", equalTo(false));
        given().header("Authorization", bearer(token)).delete("/llm/auth/api-keys/" + id).then().statusCode(204);
        InternalCalls.as("inference-service").get("/internal/revocations?after=0").then().statusCode(200)
                .body("data.findAll { it.kind == 'api_key' }.id", hasItem(id));
        InternalCalls.as("inference-service").contentType("application/json")
                .body(new JsonObject().put("key", key).encode()).post("/internal/api-keys/verify").then().statusCode(404);
    }

    @Test
    void expiredKeyIs401() {
        JsonPath created = create(guestToken(), "{\"name\":\"short\",\"expires_in_days\":1}");
        String key = created.getString("data.key");
        given().header("X-API-Key", key).get("/llm/auth/me").then().statusCode(200);
        sql("UPDATE auth.api_keys SET expires_at = now() - interval '1 minute' WHERE id = ?", created.getString("data.id"));
        given().header("X-API-Key", key).get("/llm/auth/me").then().statusCode(401);
    }

    @Test
    void unknownAndMalformedKeysAre401() {
        given().header("X-API-Key", ApiKeyFormat.generate()).get("/llm/auth/me").then().statusCode(401);
        given().header("X-API-Key", "sk_prod_abc123xyz...").get("/llm/auth/me").then().statusCode(401);
    }

    @Test
    void anotherUsersKeyIs404AndUntouched() {
        String owner = guestToken();
        JsonPath created = create(owner, "{\"name\":\"mine\"}");
        String stranger = guestToken();
        given().header("Authorization", bearer(stranger)).delete("/llm/auth/api-keys/" + created.getString("data.id"))
                .then().statusCode(404).body("error.type", equalTo("not_found_error"));
        given().header("Authorization", bearer(stranger)).get("/llm/auth/api-keys").then().statusCode(200)
                .body("data.size()", equalTo(0));
        given().header("X-API-Key", created.getString("data.key")).get("/llm/auth/me").then().statusCode(200);
    }

    @Test
    void creationIsValidated() {
        String token = guestToken();
        String[][] cases = {
            {"{}", "name"}, {"{\"name\":\"   \"}", "name"}, {"{\"name\":\"" + "n".repeat(101) + "\"}", "name"},
            {"{\"name\":\"k\",\"expires_in_days\":0}", "expires_in_days"},
            {"{\"name\":\"k\",\"expires_in_days\":3651}", "expires_in_days"},
            {"{\"name\":\"k\",\"scopes\":[\"delete\"]}", "scopes"}, {"{\"name\":\"k\",\"scopes\":[]}", "scopes"},
        };
        for (String[] c : cases) {
            given().header("Authorization", bearer(token)).contentType("application/json").body(c[0])
                    .post("/llm/auth/api-keys").then().statusCode(400).body("error.param", equalTo(c[1]));
        }
        given().header("Authorization", bearer(token)).get("/llm/auth/api-keys").then().body("total", equalTo(0));
    }

    @Test
    void onlyAdminsMayCreateAdminKeys() {
        given().header("Authorization", bearer(guestToken())).contentType("application/json")
                .body("{\"name\":\"k\",\"scopes\":[\"admin\"]}").post("/llm/auth/api-keys").then().statusCode(403)
                .body("error.code", equalTo("admin_scope_forbidden"));
        String admin = given().contentType("application/json").header("X-Forwarded-For", TestSupport.newClientAddress())
                .body("{\"email\":\"admin@example.test\",\"password\":\"bootstrap-admin-password\"}")
                .post("/llm/auth/login").then().statusCode(200).extract().path("access_token");
        JsonPath created = create(admin, "{\"name\":\"ops\",\"scopes\":[\"read\",\"write\",\"admin\"]}");
        assertEquals(List.of("read", "write", "admin"), created.getList("data.scopes"));
        InternalCalls.as("inference-service").contentType("application/json")
                .body(new JsonObject().put("key", created.getString("data.key")).encode()).post("/internal/api-keys/verify")
                .then().statusCode(200).body("data.roles", hasItem("admin")).body("data.scopes", hasItem("admin"));
    }

    @Test
    void internalVerifyDescribesTheKeyAndIsInternalOnly() {
        String token = guestToken();
        JsonPath created = create(token, "{\"name\":\"svc\",\"scopes\":[\"read\"],\"expires_in_days\":10}");
        String body = new JsonObject().put("key", created.getString("data.key")).encode();
        given().contentType("application/json").body(body).post("/internal/api-keys/verify").then().statusCode(403);
        InternalCalls.as("inference-service").contentType("application/json").body(body)
                .post("/internal/api-keys/verify").then().statusCode(200)
                .body("data.key_id", equalTo(created.getString("data.id")))
                .body("data.user_id", startsWith("usr_"))
                .body("data.scopes", equalTo(List.of("read")))
                .body("data.roles", equalTo(List.of("user")))
                .body("data.guest", equalTo(true))
                .body("data.expires_at", notNullValue());
        InternalCalls.as("inference-service").contentType("application/json")
                .body(new JsonObject().put("key", ApiKeyFormat.generate()).encode())
                .post("/internal/api-keys/verify").then().statusCode(404);
    }

    @Test
    void lastUsedAtIsRecordedSoonAfterUse() throws InterruptedException {
        String token = guestToken();
        JsonPath created = create(token, "{\"name\":\"used\"}");
        given().header("Authorization", bearer(token)).get("/llm/auth/api-keys").then()
                .body("data[0].last_used_at", nullValue());
        given().header("X-API-Key", created.getString("data.key")).get("/llm/auth/me").then().statusCode(200);
        String lastUsed = null;
        for (int i = 0; i < 30 && lastUsed == null; i++) {
            Thread.sleep(200);
            lastUsed = given().header("Authorization", bearer(token)).get("/llm/auth/api-keys").then()
                    .extract().path("data[0].last_used_at");
        }
        assertNotNull(lastUsed, "last_used_at written by the batch");
    }

    @Test
    void theDatabaseHoldsOnlyTheKeysHash() {
        JsonPath created = create(guestToken(), "{\"name\":\"secret\"}");
        String key = created.getString("data.key");
        List<List<String>> rows = sql("SELECT k::text, key_hash FROM auth.api_keys k WHERE id = ?", created.getString("data.id"));
        assertEquals(ApiKeyFormat.hash(key), rows.get(0).get(1));
        assertFalse(rows.get(0).get(0).contains(key));
        assertFalse(rows.get(0).get(0).contains(key.substring(10)));
    }

    @Test
    void tokensMadeByTheSharedTestKeysAreTrusted() {
        // other services' tests sign with test-keys/; this service must verify the same pair
        given().header("Authorization", bearer(TestTokens.user(TestTokens.newUserId()))).get("/v1/users/me/settings")
                .then().statusCode(200);
    }

    @Test
    void listIsPaginatedNewestFirst() {
        String token = guestToken();
        for (String name : List.of("a", "b", "c")) {
            create(token, new JsonObject().put("name", name).encode());
        }
        given().header("Authorization", bearer(token)).get("/llm/auth/api-keys?limit=2").then().statusCode(200)
                .body("data.name", equalTo(List.of("c", "b"))).body("total", equalTo(3)).body("has_more", equalTo(true))
                .body("data.scopes", everyItem(equalTo(new JsonArray().add("read").add("write").getList())));
    }

    @Test
    void openApiDocumentsTheCreated201WithItsSchemaAndTheRevoked204() {
        JsonObject paths = new JsonObject(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString())
                .getJsonObject("paths");
        JsonObject create = paths.getJsonObject("/llm/auth/api-keys").getJsonObject("post").getJsonObject("responses");
        assertEquals("#/components/schemas/CreatedKeyEnvelope", create.getJsonObject("201").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        assertFalse(create.containsKey("200"), create.encode());
        JsonObject revoke = paths.getJsonObject("/llm/auth/api-keys/{id}").getJsonObject("delete").getJsonObject("responses");
        assertTrue(revoke.containsKey("204"), revoke.encode());
        assertFalse(revoke.containsKey("200"), revoke.encode());
    }
}
