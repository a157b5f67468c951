package io.jansuite.inference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The catalog-service and the conversation-service at their HTTP boundary. Tests set routes through
 * {@code POST /control/routes/{model}} (the route's {@code data}; {@code DELETE} removes it) and
 * conversations through {@code POST /control/conversations/{id}} ({@code {authorization, messages}});
 * {@code GET /control/conversations/{id}} shows what was appended.
 */
public class FakeNeighbours implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, JsonObject> routes = new ConcurrentHashMap<>();
        Map<String, JsonObject> conversations = new ConcurrentHashMap<>();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String path = req.path();
            String[] parts = path.split("/");
            if (path.startsWith("/control/routes/")) {
                if (req.method().name().equals("DELETE")) {
                    routes.remove(parts[3]);
                } else {
                    routes.put(parts[3], body.toJsonObject());
                }
                req.response().end();
            } else if (path.startsWith("/control/conversations/")) {
                if (req.method().name().equals("GET")) {
                    json(req, 200, conversations.getOrDefault(parts[3], new JsonObject()));
                } else {
                    conversations.put(parts[3], body.toJsonObject().put("appends", new JsonArray()));
                    req.response().end();
                }
            } else if (!"inference-service".equals(req.getHeader("X-Internal-Caller"))
                    || !String.valueOf(req.getHeader("X-Internal-Signature")).contains(";s=")) {
                json(req, 403, new JsonObject().put("error", new JsonObject().put("code", "internal_only")));
            } else if (path.startsWith("/internal/routes/")) {
                JsonObject route = routes.get(parts[3]);
                if (route == null) {
                    json(req, 404, new JsonObject().put("error", new JsonObject().put("code", "model_not_found")));
                } else {
                    json(req, 200, new JsonObject().put("data", route));
                }
            } else if (path.startsWith("/internal/conversations/") && path.endsWith("/messages")) {
                JsonObject conversation = conversations.get(parts[3]);
                if (conversation == null
                        || !conversation.getString("authorization").equals(req.getHeader("Authorization"))) {
                    json(req, 404, new JsonObject().put("error", new JsonObject().put("code", "conversation_not_found")));
                } else if (req.method().name().equals("GET")) {
                    json(req, 200, new JsonObject().put("data", conversation.getJsonArray("messages")));
                } else {
                    JsonObject append = body.toJsonObject();
                    conversation.getJsonArray("appends").add(append);
                    json(req, 201, new JsonObject().put("data", append.getJsonArray("messages")));
                }
            } else {
                json(req, 404, new JsonObject().put("error", new JsonObject().put("code", "not_found")));
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("fake-neighbours.port", String.valueOf(server.actualPort()));
    }

    private static void json(HttpServerRequest req, int status, JsonObject body) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
