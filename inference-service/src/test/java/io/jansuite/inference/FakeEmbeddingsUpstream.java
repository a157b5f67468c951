package io.jansuite.inference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible embeddings upstream: {@code POST /<scenario>/<id>/v1/embeddings}, scenario {@code ok}
 * (one 3-float vector per input, {@code [index, 0.5, -0.25]}, usage 7 tokens per input, its own model name
 * {@code served-by-upstream}) or {@code error500}; {@code GET /control/<id>} is the last body and its headers.
 */
public class FakeEmbeddingsUpstream implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, JsonObject> seen = new ConcurrentHashMap<>();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            String[] parts = req.path().split("/");
            if (parts[1].equals("control")) {
                req.response().putHeader("Content-Type", "application/json")
                        .end(seen.getOrDefault(parts[2], new JsonObject()).encode());
                return;
            }
            JsonObject body = b.toJsonObject();
            seen.put(parts[2], new JsonObject().put("path", req.path()).put("body", body)
                    .put("authorization", req.getHeader("Authorization")));
            if (!parts[1].equals("ok")) {
                req.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("error", new JsonObject().put("message", "boom")).encode());
                return;
            }
            Object input = body.getValue("input");
            int count = input instanceof JsonArray a && !a.isEmpty() && !(a.getValue(0) instanceof Number) ? a.size() : 1;
            JsonArray data = new JsonArray();
            for (int i = 0; i < count; i++) {
                data.add(new JsonObject().put("object", "embedding").put("index", i)
                        .put("embedding", new JsonArray().add((double) i).add(0.5).add(-0.25)));
            }
            req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("object", "list")
                    .put("data", data).put("model", "served-by-upstream")
                    .put("usage", new JsonObject().put("prompt_tokens", 7 * count).put("total_tokens", 7 * count)).encode());
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("fake-embeddings.port", String.valueOf(server.actualPort()));
    }

    static String url(String scenario, String id) {
        return "http://127.0.0.1:" + Fixtures.port("fake-embeddings.port") + "/" + scenario + "/" + id + "/v1";
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
