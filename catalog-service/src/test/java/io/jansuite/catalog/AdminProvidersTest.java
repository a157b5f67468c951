package io.jansuite.catalog;

import io.jansuite.testing.InternalCalls;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Providers behind the admin API: keys encrypted at rest and never shown, sync, delete. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class AdminProvidersTest {

    private static Vertx vertx;
    private static HttpServer upstream;
    private static final AtomicReference<String> lastAuthorization = new AtomicReference<>();

    /** An OpenAI-compatible upstream: GET /v1/models lists two models. */
    @BeforeAll
    static void startUpstream() throws Exception {
        vertx = Vertx.vertx();
        upstream = vertx.createHttpServer().requestHandler(req -> {
            lastAuthorization.set(req.getHeader("x-api-key") != null
                    ? "x-api-key " + req.getHeader("x-api-key") + " " + req.getHeader("anthropic-version")
                    : req.getHeader("Authorization"));
            if (req.path().equals("/v1/models")) {
                req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("object", "list")
                        .put("data", new JsonArray().add(new JsonObject().put("id", "up-model-a").put("object", "model"))
                                .add(new JsonObject().put("id", "up-model-b").put("object", "model")))
                        .encode());
            } else {
                req.response().setStatusCode(404).end();
            }
        });
        upstream.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopUpstream() {
        if (vertx != null) {
            vertx.close();
        }
    }

    @Test
    void apiKeyIsEncryptedAtRestNeverReturnedAndDecryptedForRouting() throws Exception {
        String key = "sk-test-" + Internal.unique("secret");
        String model = Internal.unique("keyed");
        String id = Internal.admin().body(Map.of("name", Internal.unique("openai"), "type", "openai",
                "base_url", "https://api.example.test/v1", "api_key", key,
                "models", List.of(Map.of("model_id", model))))
                .post("/internal/admin/providers").then().statusCode(201)
                .body("data.after.id", startsWith("prov_"))
                .body("data.after.has_api_key", equalTo(true))
                .body("data.after", not(hasKey("api_key")))
                .body("data.before", equalTo(null))
                .extract().path("data.after.id");

        String stored = column("select api_key_enc from catalog.providers where id = ?", id);
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains(key));

        String body = Internal.admin().get("/internal/admin/providers/" + id).then().statusCode(200).extract().asString();
        assertFalse(body.contains(key));
        assertFalse(Internal.admin().get("/internal/admin/providers").then().extract().asString().contains(key));

        Internal.inference().get("/internal/routes/" + model).then().statusCode(200)
                .body("data.targets[0].api_key", equalTo(key))
                .body("data.targets[0].base_url", equalTo("https://api.example.test/v1"));
    }

    @Test
    void aNewBaseUrlNeedsTheKeyAgainSoTheStoredKeyNeverGoesToANewHost() throws Exception {
        String id = Internal.admin().body(Map.of("name", Internal.unique("p"), "type", "openai",
                "base_url", "https://a.example.test/v1", "api_key", "sk-for-a", "models", List.of(Map.of("model_id",
                        Internal.unique("moved")))))
                .post("/internal/admin/providers").then().statusCode(201).extract().path("data.after.id");
        String stored = column("select api_key_enc from catalog.providers where id = ?", id);
        Internal.admin().body(Map.of("base_url", "https://attacker.example.test/v1"))
                .patch("/internal/admin/providers/" + id).then().statusCode(400)
                .body("error.code", equalTo("api_key_required")).body("error.param", equalTo("api_key"));
        assertEquals("https://a.example.test/v1", column("select base_url from catalog.providers where id = ?", id));
        assertEquals(stored, column("select api_key_enc from catalog.providers where id = ?", id), "nothing changed");
        // the same URL again, or a new one with its key, is fine
        Internal.admin().body(Map.of("base_url", "https://a.example.test/v1")).patch("/internal/admin/providers/" + id)
                .then().statusCode(200);
        Internal.admin().body(Map.of("base_url", "https://b.example.test/v1", "api_key", "sk-for-b"))
                .patch("/internal/admin/providers/" + id).then().statusCode(200)
                .body("data.after.base_url", equalTo("https://b.example.test/v1"));
    }

    @Test
    void patchReplacesTheKeyAndEmptyRemovesIt() throws Exception {
        String id = Internal.admin().body(Map.of("name", Internal.unique("p"), "type", "openai",
                "base_url", "https://a.example.test/v1", "api_key", "sk-one"))
                .post("/internal/admin/providers").then().statusCode(201).extract().path("data.after.id");
        String first = column("select api_key_enc from catalog.providers where id = ?", id);
        Internal.admin().body(Map.of("api_key", "sk-two", "name", Internal.unique("renamed")))
                .patch("/internal/admin/providers/" + id).then().statusCode(200)
                .body("data.before.has_api_key", equalTo(true)).body("data.after.has_api_key", equalTo(true));
        assertFalse(first.equals(column("select api_key_enc from catalog.providers where id = ?", id)));
        Internal.admin().body(Map.of("api_key", "")).patch("/internal/admin/providers/" + id).then().statusCode(200)
                .body("data.after.has_api_key", equalTo(false));
    }

    @Test
    void invalidProvidersAreRefused() {
        Internal.admin().body(Map.of("name", Internal.unique("x"), "type", "gemini", "base_url", "https://x.test"))
                .post("/internal/admin/providers").then().statusCode(400).body("error.param", equalTo("type"));
        Internal.admin().body(Map.of("name", Internal.unique("x"), "type", "openai", "base_url", "not a url"))
                .post("/internal/admin/providers").then().statusCode(400).body("error.param", equalTo("base_url"));
        String name = Internal.unique("dup");
        Internal.admin().body(Map.of("name", name, "type", "simulator")).post("/internal/admin/providers").then().statusCode(201);
        Internal.admin().body(Map.of("name", name, "type", "simulator")).post("/internal/admin/providers").then().statusCode(409);
        Internal.admin().get("/internal/admin/providers/prov_nope").then().statusCode(404)
                .body("error.code", equalTo("provider_not_found"));
    }

    @Test
    void syncImportsTheUpstreamModelsAsProviderModelsAndCatalogEntries() {
        String id = Internal.admin().body(Map.of("name", Internal.unique("vllm"), "type", "openai",
                "base_url", "http://127.0.0.1:" + upstream.actualPort() + "/v1", "api_key", "sk-upstream"))
                .post("/internal/admin/providers").then().statusCode(201).extract().path("data.after.id");
        Internal.admin().post("/internal/admin/providers/" + id + "/sync").then().statusCode(200)
                .body("data.imported", equalTo(2))
                .body("data.models.model_id", hasItems("up-model-a", "up-model-b"));
        assertEquals("Bearer sk-upstream", lastAuthorization.get());
        Internal.inference().get("/internal/routes/up-model-a").then().statusCode(200)
                .body("data.targets.provider_id", hasItem(id));
        Internal.admin().post("/internal/admin/providers/" + id + "/sync").then().statusCode(200)
                .body("data.imported", equalTo(0));
    }

    @Test
    void anthropicSyncSendsItsOwnKeyHeader() {
        String id = Internal.admin().body(Map.of("name", Internal.unique("claude"), "type", "anthropic",
                "base_url", "http://127.0.0.1:" + upstream.actualPort() + "/v1", "api_key", "sk-ant-test"))
                .post("/internal/admin/providers").then().statusCode(201).extract().path("data.after.id");
        Internal.admin().post("/internal/admin/providers/" + id + "/sync").then().statusCode(200)
                .body("data.models.model_id", hasItems("up-model-a", "up-model-b"));
        assertEquals("x-api-key sk-ant-test 2023-06-01", lastAuthorization.get());
    }

    @Test
    void syncOfTheSimulatorReturnsItsModelsAndOfAnUnreachableUpstreamIs502() {
        String model = Internal.unique("simsync");
        String sim = Internal.simulatorWith(model);
        // As the admin-service's REST client sends it: no body, no Content-Type.
        InternalCalls.as("admin-service")
                .post("/internal/admin/providers/" + sim + "/sync").then().statusCode(200)
                .body("data.imported", equalTo(0)).body("data.models.model_id", equalTo(List.of(model)));
        String down = Internal.admin().body(Map.of("name", Internal.unique("down"), "type", "openai",
                "base_url", "http://127.0.0.1:1/v1")).post("/internal/admin/providers").then().statusCode(201)
                .extract().path("data.after.id");
        Internal.admin().post("/internal/admin/providers/" + down + "/sync").then().statusCode(502)
                .body("error.type", equalTo("upstream_error"));
    }

    @Test
    void deletingAProviderRemovesItsModelsFromRouting() {
        String model = Internal.unique("del");
        String id = Internal.simulatorWith(model);
        Internal.inference().get("/internal/routes/" + model).then().statusCode(200);
        InternalCalls.as("admin-service")
                .delete("/internal/admin/providers/" + id).then().statusCode(200)
                .body("data.before.id", equalTo(id)).body("data.after", equalTo(null));
        Internal.inference().get("/internal/routes/" + model).then().statusCode(404);
        InternalCalls.as("admin-service")
                .get("/internal/admin/provider-models/" + model).then().statusCode(404);
        Internal.admin().delete("/internal/admin/providers/" + id).then().statusCode(404);
    }

    static String column(String sql, String id) throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getString(1);
            }
        }
    }
}
