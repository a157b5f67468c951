package io.jansuite.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The auth-service's routes that every other service calls, at their HTTP boundary, for a service's tests:
 * key verification ({@code POST /internal/api-keys/verify}), the revocation feed and the JWKS. A test registers
 * what the auth-service would vouch for ({@link #register}); unknown keys are 404 as there. Control routes:
 * {@code POST /control/key} ({@code {key, verified}}), {@code /control/revoke?key_id=} (the key is gone and
 * its revocation in the feed), {@code /control/down?value=true} (every route answers 500),
 * {@code /control/verify-down?value=true} (only verification answers 503: its database down),
 * {@code /control/verify-calls}, {@code POST /control/jwks} (sets the JWKS) and {@code /control/jwks-calls}.
 * Also a user's advanced settings ({@code GET /v1/users/me/settings}), set with {@link #settings}.
 */
public class FakeAuthService implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, JsonObject> keys = new ConcurrentHashMap<>();
        Map<String, String> settings = new ConcurrentHashMap<>();
        CopyOnWriteArrayList<JsonObject> revocations = new CopyOnWriteArrayList<>();
        AtomicInteger verifyCalls = new AtomicInteger();
        AtomicInteger jwksCalls = new AtomicInteger();
        AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[]}");
        boolean[] down = { false };
        boolean[] verifyDown = { false };
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String path = req.path();
            if (path.equals("/control/key")) {
                JsonObject k = body.toJsonObject();
                keys.put(k.getString("key"), k.getJsonObject("verified"));
                req.response().end();
            } else if (path.equals("/control/settings")) {
                settings.put(req.getParam("authorization"), body.toString());
                req.response().end();
            } else if (path.equals("/control/revoke")) {
                String keyId = req.getParam("key_id");
                keys.values().removeIf(v -> v.getString("key_id").equals(keyId));
                revocations.add(new JsonObject().put("seq", revocations.size() + 1).put("kind", "api_key").put("id", keyId));
                req.response().end();
            } else if (path.equals("/control/down")) {
                down[0] = Boolean.parseBoolean(req.getParam("value"));
                req.response().end();
            } else if (path.equals("/control/verify-down")) {
                verifyDown[0] = Boolean.parseBoolean(req.getParam("value"));
                req.response().end();
            } else if (path.equals("/control/verify-calls")) {
                req.response().end(String.valueOf(verifyCalls.get()));
            } else if (path.equals("/control/jwks")) {
                jwks.set(body.toString());
                req.response().end();
            } else if (path.equals("/control/jwks-calls")) {
                req.response().end(String.valueOf(jwksCalls.get()));
            } else if (down[0]) {
                req.response().setStatusCode(500).end();
            } else if (path.equals("/.well-known/jwks.json")) {
                jwksCalls.incrementAndGet();
                req.response().putHeader("Content-Type", "application/json").end(jwks.get());
            } else if (verifyDown[0] && path.equals("/internal/api-keys/verify")) {
                req.response().setStatusCode(503).end();
            } else if (path.equals("/internal/api-keys/verify")) {
                verifyCalls.incrementAndGet();
                JsonObject verified = keys.get(body.toJsonObject().getString("key"));
                if (verified == null) {
                    req.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                            .end("{\"error\":{\"code\":\"invalid_api_key\"}}");
                } else {
                    req.response().putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("data", verified).encode());
                }
            } else if (path.equals("/v1/users/me/settings")) {
                String advanced = settings.get(String.valueOf(req.getHeader("Authorization")));
                req.response().setStatusCode(advanced == null ? 503 : 200).putHeader("Content-Type", "application/json")
                        .end(advanced == null ? "{\"error\":{\"code\":\"service_unavailable\"}}"
                                : "{\"data\":{\"advanced_settings\":" + advanced + "}}");
            } else if (path.equals("/internal/revocations")) {
                long after = Long.parseLong(req.getParam("after", "0"));
                JsonArray data = new JsonArray();
                revocations.stream().filter(r -> r.getLong("seq") > after).forEach(data::add);
                req.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("data", data).put("last_seq", revocations.size()).encode());
            } else {
                req.response().setStatusCode(404).end();
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of("fake-auth.url", url, "fake-auth.port", String.valueOf(server.actualPort()),
                "quarkus.rest-client.auth.url", url);
    }

    /** The fake's URL for {@code path} (a control route, say). */
    public static String url(String path) {
        return ConfigProvider.getConfig().getValue("fake-auth.url", String.class) + path;
    }

    /** Makes the fake vouch for {@code key} with {@code verified} (the {@code data} of the verify answer). */
    public static void register(String key, JsonObject verified) {
        RestAssured.given().body(new JsonObject().put("key", key).put("verified", verified).encode())
                .post(url("/control/key")).then().statusCode(200);
    }

    /** Makes the fake vouch for {@code key}: a key of {@code userId} with read and write, limited to {@code models}. */
    public static void register(String key, String keyId, String userId, String... models) {
        register(key, new JsonObject().put("key_id", keyId).put("user_id", userId)
                .put("scopes", new JsonArray().add("read").add("write")).put("roles", new JsonArray().add("user"))
                .put("guest", false).put("allowed_models", new JsonArray(List.of(models))));
    }

    /**
     * Makes the fake answer {@code GET /v1/users/me/settings} for this credential with these advanced settings
     * (a JSON object, e.g. {@code {"web_search_enabled": true}}); anyone else gets 503.
     */
    public static void settings(String authorization, String advancedSettings) {
        RestAssured.given().queryParam("authorization", authorization).body(advancedSettings)
                .post(url("/control/settings")).then().statusCode(200);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
