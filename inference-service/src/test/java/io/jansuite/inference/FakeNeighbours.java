package io.jansuite.inference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalog-service and the conversation-service at their HTTP boundary. Tests set routes through
 * {@code POST /control/routes/{model}} (the route's {@code data}; {@code DELETE} removes it) and
 * conversations through {@code POST /control/conversations/{id}} ({@code {authorization, messages}}, and
 * {@code accept_appends: N} to answer 500 to every append after the first N);
 * {@code GET /control/conversations/{id}} shows what was appended. Every route change bumps the catalog's version,
 * which {@code GET /internal/catalog/version?after=N} long-polls as the real one does; {@code POST /control/catalog}
 * with {@code {down: true}} makes the catalog answer 503 (its database gone) until {@code {down: false}}; MCP servers as the catalog answers
 * {@code /internal/mcp-servers/{name}} (and all of them at {@code /internal/mcp-servers}) through
 * {@code POST /control/mcp-servers/{name}};
 * {@code /internal/conversations/search} searches the caller's conversations set above.
 */
public class FakeNeighbours implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, JsonObject> routes = new ConcurrentHashMap<>();
        Map<String, JsonObject> conversations = new ConcurrentHashMap<>();
        AtomicLong version = new AtomicLong(1);
        AtomicBoolean down = new AtomicBoolean();
        List<HttpServerRequest> polls = new CopyOnWriteArrayList<>();
        Runnable changed = () -> {
            version.incrementAndGet();
            polls.forEach(p -> answerPoll(p, down.get(), version.get()));
            polls.clear();
        };
        Map<String, JsonObject> mcpServers = new ConcurrentHashMap<>();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String path = req.path();
            String[] parts = path.split("/");
            if (path.startsWith("/control/routes/")) {
                if (req.method().name().equals("DELETE")) {
                    routes.remove(parts[3]);
                } else {
                    routes.put(parts[3], body.toJsonObject());
                }
                changed.run();
                req.response().end();
            } else if (path.equals("/control/catalog")) {
                down.set(body.toJsonObject().getBoolean("down"));
                changed.run();
                req.response().end();
            } else if (path.startsWith("/control/conversations/")) {
                if (req.method().name().equals("GET")) {
                    json(req, 200, conversations.getOrDefault(parts[3], new JsonObject()));
                } else {
                    conversations.put(parts[3], body.toJsonObject().put("appends", new JsonArray()));
                    req.response().end();
                }
            } else if (path.startsWith("/control/mcp-servers/")) {
                mcpServers.put(parts[3], body.toJsonObject());
                req.response().end();

            } else if (!"inference-service".equals(req.getHeader("X-Internal-Caller"))
                    || !String.valueOf(req.getHeader("X-Internal-Signature")).contains(";s=")) {
                json(req, 403, new JsonObject().put("error", new JsonObject().put("code", "internal_only")));
            } else if (down.get() && (path.startsWith("/internal/routes/") || path.startsWith("/internal/catalog/"))) {
                json(req, 503, new JsonObject().put("error", new JsonObject().put("code", "service_unavailable")));
            } else if (path.equals("/internal/catalog/version")) {
                String after = req.getParam("after");
                if (after == null || Long.parseLong(after) != version.get()) {
                    answerPoll(req, false, version.get());
                } else {
                    polls.add(req);
                    long wait = Long.parseLong(req.getParam("wait", "25"));
                    vertx.setTimer(wait * 1000, id -> {
                        if (polls.remove(req)) {
                            answerPoll(req, down.get(), version.get());
                        }
                    });
                }
            } else if (path.startsWith("/internal/routes/")) {
                JsonObject route = routes.get(parts[3]);
                if (route == null) {
                    json(req, 404, new JsonObject().put("error", new JsonObject().put("code", "model_not_found")));
                } else {
                    json(req, 200, new JsonObject().put("data", route));
                }
            } else if (path.equals("/internal/mcp-servers")) {
                json(req, 200, new JsonObject().put("data", new JsonArray(List.copyOf(mcpServers.values()))));
            } else if (path.equals("/internal/conversations/search")) {
                // the caller's own conversations only, as the conversation-service searches them
                String q = req.getParam("q", "").toLowerCase();
                JsonArray hits = new JsonArray();
                conversations.forEach((id, c) -> {
                    if (c.getString("authorization").equals(req.getHeader("Authorization"))) {
                        c.getJsonArray("messages").forEach(m -> {
                            String content = ((JsonObject) m).getString("content", "");
                            if (content.toLowerCase().contains(q)) {
                                hits.add(new JsonObject().put("conversation_id", id).put("title", "t-" + id)
                                        .put("role", ((JsonObject) m).getString("role")).put("snippet", content)
                                        .put("created_at", "2026-12-01T00:00:00Z"));
                            }
                        });
                    }
                });
                json(req, 200, new JsonObject().put("data", hits));
            } else if (path.startsWith("/internal/mcp-servers/")) {
                JsonObject mcp = mcpServers.get(parts[3]);
                json(req, mcp == null ? 404 : 200, mcp == null
                        ? new JsonObject().put("error", new JsonObject().put("code", "mcp_server_not_found"))
                        : new JsonObject().put("data", mcp));
            } else if (path.startsWith("/internal/conversations/") && path.endsWith("/messages")) {
                JsonObject conversation = conversations.get(parts[3]);
                if (conversation == null
                        || !conversation.getString("authorization").equals(req.getHeader("Authorization"))) {
                    json(req, 404, new JsonObject().put("error", new JsonObject().put("code", "conversation_not_found")));
                } else if (req.method().name().equals("GET")) {
                    json(req, 200, new JsonObject().put("data", conversation.getJsonArray("messages")));
                } else if (conversation.getJsonArray("appends").size() >= conversation.getInteger("accept_appends",
                        Integer.MAX_VALUE)) {
                    json(req, 500, new JsonObject().put("error", new JsonObject().put("code", "internal_error")));
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

    private static void answerPoll(HttpServerRequest req, boolean down, long version) {
        if (down) {
            json(req, 503, new JsonObject().put("error", new JsonObject().put("code", "service_unavailable")));
        } else {
            json(req, 200, new JsonObject().put("data", new JsonObject().put("version", version)));
        }
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
