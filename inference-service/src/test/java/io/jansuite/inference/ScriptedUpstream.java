package io.jansuite.inference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible upstream that answers from a script, one step per chat request, streamed with the
 * chunk shapes OpenAI sends. {@code POST /control/<id>} sets the script (a list of steps), {@code GET
 * /control/<id>} returns {@code {requests: [bodies received]}}; the base URL is {@code /<id>/v1}. A step is
 * {@code {text}} (an answer, a word per chunk; {@code finish} overrides "stop"), {@code {tools: [{id, name,
 * arguments}]}} (tool calls), {@code {status}} (an error answer), {@code {hang: true}} (never answers) or
 * {@code {break: true}} (one chunk, then the connection closes).
 */
public class ScriptedUpstream implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private final Map<String, JsonArray> scripts = new ConcurrentHashMap<>();
    private final Map<String, JsonArray> requests = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            String[] parts = req.path().split("/");
            HttpServerResponse res = req.response();
            if (parts[1].equals("control")) {
                if (req.method().name().equals("POST")) {
                    scripts.put(parts[2], b.toJsonArray());
                    requests.put(parts[2], new JsonArray());
                    res.end();
                } else {
                    res.putHeader("Content-Type", "application/json").end(new JsonObject()
                            .put("requests", requests.getOrDefault(parts[2], new JsonArray())).encode());
                }
                return;
            }
            String id = parts[1];
            requests.computeIfAbsent(id, k -> new JsonArray()).add(b.toJsonObject());
            JsonArray script = scripts.getOrDefault(id, new JsonArray());
            JsonObject step;
            synchronized (script) {
                step = script.isEmpty() ? new JsonObject().put("status", 500) : (JsonObject) script.remove(0);
            }
            answer(step, res, req.connection()::close);
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("scripted-upstream.port", String.valueOf(server.actualPort()));
    }

    private void answer(JsonObject step, HttpServerResponse res, Runnable closeConnection) {
        if (step.getBoolean("hang", false)) {
            return;
        }
        if (step.containsKey("status")) {
            res.setStatusCode(step.getInteger("status")).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", new JsonObject().put("message", "scripted failure")
                            .put("type", "server_error")).encode());
            return;
        }
        res.setChunked(true).putHeader("Content-Type", "text/event-stream");
        StringBuilder out = new StringBuilder();
        out.append(chunk(new JsonObject().put("role", "assistant").put("content", ""), null));
        if (step.getBoolean("break", false)) {
            res.write(out.append(chunk(new JsonObject().put("content", "Half"), null)).toString());
            vertx.setTimer(20, t -> closeConnection.run());
            return;
        }
        int words = 0;
        String finish = "stop";
        if (step.containsKey("text")) {
            String[] tokens = step.getString("text").split("(?<= )");
            for (String token : tokens) {
                out.append(chunk(new JsonObject().put("content", token), null));
                words++;
            }
        }
        JsonArray tools = step.getJsonArray("tools", new JsonArray());
        for (int i = 0; i < tools.size(); i++) {
            JsonObject tool = tools.getJsonObject(i);
            String args = tool.getString("arguments", "{}");
            int cut = args.length() / 2;
            out.append(chunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", i)
                    .put("id", tool.getString("id", "call_" + i)).put("type", "function").put("function",
                            new JsonObject().put("name", tool.getString("name")).put("arguments", "")))), null));
            for (String piece : new String[] { args.substring(0, cut), args.substring(cut) }) {
                out.append(chunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", i)
                        .put("function", new JsonObject().put("arguments", piece)))), null));
            }
            finish = "tool_calls";
            words += 5;
        }
        out.append(chunk(new JsonObject(), step.getString("finish", finish)));
        out.append("data: ").append(new JsonObject().put("id", "chatcmpl-s").put("object", "chat.completion.chunk")
                .put("choices", new JsonArray()).put("usage", new JsonObject().put("prompt_tokens", 10)
                        .put("completion_tokens", words).put("total_tokens", 10 + words)).encode()).append("\n\n");
        out.append("data: [DONE]\n\n");
        res.end(out.toString());
    }

    private static String chunk(JsonObject delta, String finish) {
        JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finish);
        return "data: " + new JsonObject().put("id", "chatcmpl-s").put("object", "chat.completion.chunk")
                .put("created", 1).put("model", "scripted").put("choices", new JsonArray().add(choice)).encode() + "\n\n";
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
