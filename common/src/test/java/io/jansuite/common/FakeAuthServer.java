package io.jansuite.common;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The auth-service's internal routes at their HTTP boundary, for common's tests: keys and revocations are
 * registered through {@code /control/…}; {@code /control/down} makes it answer 500, {@code /control/verify-down}
 * makes only key verification answer 503 (its database down, the revocation feed still served). It also serves
 * a JWKS ({@code /control/jwks} sets it) and counts how often it is fetched.
 */
public class FakeAuthServer implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, JsonObject> keys = new ConcurrentHashMap<>();
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
                    req.response().setStatusCode(404).end();
                } else {
                    req.response().putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("data", verified).encode());
                }
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
        return Map.of("fake-auth.port", String.valueOf(server.actualPort()));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
