package io.jansuite.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one imitation of a model provider for tests: the OpenAI and Anthropic wire formats with the shapes the
 * real ones send ({@link OpenAiShapes}, {@link AnthropicShapes}), streamed or not, and failures on demand.
 *
 * <p>A base URL is {@link #url(String, String) http://127.0.0.1:&lt;port&gt;/&lt;scenario&gt;/&lt;id&gt;/v1}: the
 * scenario picks the behaviour, the id names what {@code GET /control/<id>} reports ({@code {hits, path,
 * body, headers, authorization, closed, requests}}; {@code closed}: the caller hung up before the end).
 * Chat completions ({@code .../chat/completions}) by scenario: {@code openai}, {@code anthropic} (the
 * Messages API), {@code error500}, {@code error429}, {@code error400}, {@code nostreamoptions} (refuses
 * {@code stream_options}), {@code flaky} (a 503, then answers), {@code hang} (never answers), {@code stall}
 * (a first chunk, then silence), {@code endless} (chunks forever), {@code midstreamerror} (an error event
 * after a first chunk), {@code dies} (a first chunk, then the connection closed as by a crashed provider),
 * {@code hugebody} / {@code hugeevent} (answers too large to hold) and {@code scripted}: answers from a
 * script set by {@code POST /control/<id>} (a list of steps, one per request; see {@link #scripted}).
 * Embeddings ({@code .../embeddings}): {@code openai} answers one vector {@code [index, 0.5, -0.25]} per input
 * (7 tokens each, the upstream's own model name {@code served-by-upstream}), any other scenario a 500.
 */
public class FakeUpstream implements QuarkusTestResourceLifecycleManager {

    public static final String PORT = "fake-upstream.port";
    public static final String TEXT = "Hello from the upstream";
    public static final List<String> TOKENS = List.of("Hello", " from", " the", " upstream");

    private Vertx vertx;
    private final Map<String, JsonObject> seen = new ConcurrentHashMap<>();
    private final Map<String, JsonArray> scripts = new ConcurrentHashMap<>();

    /** The base URL of this fake behaving as {@code scenario}, its calls recorded under {@code id}. */
    public static String url(String scenario, String id) {
        return root() + "/" + scenario + "/" + id + "/v1";
    }

    /** Where {@code GET /control/<id>} and {@code POST /control/<id>} (a script) go. */
    public static String control(String id) {
        return root() + "/control/" + id;
    }

    private static String root() {
        return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue(PORT, Integer.class);
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            String[] parts = req.path().split("/");
            if (parts.length == 3 && parts[1].equals("control")) {
                control(req, parts[2], b.toString());
                return;
            }
            if (parts.length < 3) {
                error(req.response(), 404, "no scenario in " + req.path());
                return;
            }
            JsonObject body = b.length() == 0 ? new JsonObject() : b.toJsonObject();
            JsonObject record = record(parts[2]);
            JsonObject headers = new JsonObject();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            synchronized (record) {
                record.put("hits", record.getInteger("hits") + 1).put("path", req.path()).put("body", body)
                        .put("headers", headers).put("authorization", req.getHeader("Authorization"));
                record.getJsonArray("requests").add(body);
            }
            if (req.path().endsWith("/embeddings")) {
                embeddings(parts[1], req.response(), body);
            } else if (parts[1].equals("scripted")) {
                scripted(nextStep(parts[2]), req);
            } else {
                serve(parts[1], record, req, body);
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of(PORT, String.valueOf(server.actualPort()));
    }

    private JsonObject record(String id) {
        return seen.computeIfAbsent(id, k -> new JsonObject().put("hits", 0).put("closed", false)
                .put("requests", new JsonArray()));
    }

    private void control(HttpServerRequest req, String id, String body) {
        if (req.method().name().equals("POST")) {
            scripts.put(id, new JsonArray(body));
            seen.remove(id);
            req.response().end();
            return;
        }
        JsonObject record = record(id);
        synchronized (record) {
            req.response().putHeader("Content-Type", "application/json").end(record.encode());
        }
    }

    private JsonObject nextStep(String id) {
        JsonArray script = scripts.getOrDefault(id, new JsonArray());
        synchronized (script) {
            return script.isEmpty() ? new JsonObject().put("status", 500) : (JsonObject) script.remove(0);
        }
    }

    private void serve(String scenario, JsonObject record, HttpServerRequest req, JsonObject body) {
        HttpServerResponse res = req.response();
        int hit = record.getInteger("hits");
        long[] timer = { -1 };
        res.closeHandler(v -> {
            vertx.cancelTimer(timer[0]);
            if (!res.ended()) {
                record.put("closed", true);
            }
        });
        boolean stream = body.getBoolean("stream", false);
        switch (scenario) {
            case "openai" -> openAi(res, body, stream);
            case "anthropic" -> anthropic(res, body, stream);
            case "error500" -> error(res, 500, "The server had an error while processing your request.");
            case "error429" -> error(res, 429, "Rate limit reached for requests");
            case "error400" -> error(res, 400, "Invalid 'messages[0].content': string too long.");
            case "nostreamoptions" -> {
                if (body.containsKey("stream_options")) {
                    error(res, 400, "Unrecognized request argument supplied: stream_options");
                } else {
                    openAi(res, body, stream);
                }
            }
            case "flaky" -> {
                if (hit == 1) {
                    error(res, 503, "overloaded");
                } else {
                    openAi(res, body, stream);
                }
            }
            case "hang" -> {
                // never answers
            }
            case "midstreamerror" -> {
                sseHead(res);
                res.end("data: " + OpenAiShapes.chunk("chatcmpl-err", "{\"role\":\"assistant\",\"content\":\"Hel\"}", null)
                        + "\n\ndata: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}\n\n");
            }
            case "dies" -> {
                sseHead(res);
                res.write("data: " + OpenAiShapes.chunk("chatcmpl-dies", "{\"role\":\"assistant\",\"content\":\"Once upon\"}",
                        null) + "\n\n");
                timer[0] = vertx.setTimer(30, t -> req.connection().close());
            }
            case "stall" -> {
                sseHead(res);
                res.write("data: " + OpenAiShapes.chunk("chatcmpl-stall", "{\"role\":\"assistant\",\"content\":\"\"}", null)
                        + "\n\n");
            }
            case "endless" -> {
                sseHead(res);
                res.write("data: " + OpenAiShapes.chunk("chatcmpl-endless", "{\"role\":\"assistant\",\"content\":\"\"}", null)
                        + "\n\n");
                timer[0] = vertx.setPeriodic(20, t -> {
                    if (!res.closed()) {
                        res.write("data: " + OpenAiShapes.chunk("chatcmpl-endless", "{\"content\":\" more\"}", null)
                                + "\n\n");
                    }
                });
            }
            case "hugebody" -> {
                // a hostile provider: a JSON answer of 17 MiB, written a MiB at a time
                res.putHeader("Content-Type", "application/json").setChunked(true);
                String mib = "x".repeat(1024 * 1024);
                res.write("{\"junk\":\"");
                for (int i = 0; i < 17 && !res.closed(); i++) {
                    res.write(mib);
                }
                if (!res.closed()) {
                    res.end("\"}");
                }
            }
            case "hugeevent" -> {
                // a hostile provider: one SSE line of 2 MiB that never ends
                sseHead(res);
                res.write("data: " + OpenAiShapes.chunk("chatcmpl-huge", "{\"role\":\"assistant\",\"content\":\"\"}", null)
                        + "\n\ndata: ");
                String kib = "y".repeat(1024);
                for (int i = 0; i < 2048 && !res.closed(); i++) {
                    res.write(kib);
                }
            }
            default -> error(res, 404, "unknown scenario " + scenario);
        }
    }

    private void openAi(HttpServerResponse res, JsonObject body, boolean stream) {
        boolean tools = body.containsKey("tools");
        if (!stream) {
            res.putHeader("Content-Type", "application/json")
                    .end(tools ? OpenAiShapes.toolCompletion() : OpenAiShapes.completion(TEXT));
            return;
        }
        sseHead(res);
        List<String> chunks = tools ? OpenAiShapes.toolChunks() : OpenAiShapes.textChunks(TOKENS);
        boolean usage = body.getJsonObject("stream_options", new JsonObject()).getBoolean("include_usage", false);
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks) {
            out.append("data: ").append(usage ? chunk : chunk.replace(",\"usage\":null", "")).append("\n\n");
        }
        if (usage) {
            out.append("data: ").append(OpenAiShapes.usageChunk()).append("\n\n");
        }
        out.append("data: [DONE]\n\n");
        // Split at an odd place, as networks do: the proxy must not care where reads end.
        String all = out.toString();
        int cut = all.length() / 3;
        res.write(all.substring(0, cut));
        vertx.setTimer(5, t -> res.end(all.substring(cut)));
    }

    private void anthropic(HttpServerResponse res, JsonObject body, boolean stream) {
        boolean tools = body.containsKey("tools");
        if (!stream) {
            res.putHeader("Content-Type", "application/json")
                    .end(tools ? AnthropicShapes.toolMessage() : AnthropicShapes.message());
            return;
        }
        sseHead(res);
        res.end(tools ? AnthropicShapes.toolStream() : AnthropicShapes.textStream());
    }

    private static void embeddings(String scenario, HttpServerResponse res, JsonObject body) {
        if (!scenario.equals("openai")) {
            error(res, 500, "boom");
            return;
        }
        Object input = body.getValue("input");
        int count = input instanceof JsonArray a && !a.isEmpty() && !(a.getValue(0) instanceof Number) ? a.size() : 1;
        JsonArray data = new JsonArray();
        for (int i = 0; i < count; i++) {
            data.add(new JsonObject().put("object", "embedding").put("index", i)
                    .put("embedding", new JsonArray().add((double) i).add(0.5).add(-0.25)));
        }
        res.putHeader("Content-Type", "application/json").end(new JsonObject().put("object", "list")
                .put("data", data).put("model", "served-by-upstream")
                .put("usage", new JsonObject().put("prompt_tokens", 7 * count).put("total_tokens", 7 * count)).encode());
    }

    /**
     * One scripted answer, streamed with OpenAI's chunk shapes. A step is {@code {text}} (an answer, a word per
     * chunk; {@code finish} overrides "stop"), {@code {tools: [{id, name, arguments}]}} (tool calls),
     * {@code {status}} (an error answer), {@code {hang: true}} (never answers) or {@code {break: true}} (one
     * chunk, then the connection closes). Usage: 10 prompt tokens, a completion token per word (5 per call).
     */
    private void scripted(JsonObject step, HttpServerRequest req) {
        HttpServerResponse res = req.response();
        if (step.getBoolean("hang", false)) {
            return;
        }
        if (step.containsKey("status")) {
            error(res, step.getInteger("status"), "scripted failure");
            return;
        }
        res.setChunked(true).putHeader("Content-Type", "text/event-stream");
        StringBuilder out = new StringBuilder();
        out.append(scriptedChunk(new JsonObject().put("role", "assistant").put("content", ""), null));
        if (step.getBoolean("break", false)) {
            res.write(out.append(scriptedChunk(new JsonObject().put("content", "Half"), null)).toString());
            vertx.setTimer(20, t -> req.connection().close());
            return;
        }
        int words = 0;
        String finish = "stop";
        if (step.containsKey("text")) {
            for (String token : step.getString("text").split("(?<= )")) {
                out.append(scriptedChunk(new JsonObject().put("content", token), null));
                words++;
            }
        }
        JsonArray tools = step.getJsonArray("tools", new JsonArray());
        for (int i = 0; i < tools.size(); i++) {
            JsonObject tool = tools.getJsonObject(i);
            String args = tool.getString("arguments", "{}");
            int cut = args.length() / 2;
            out.append(scriptedChunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", i)
                    .put("id", tool.getString("id", "call_" + i)).put("type", "function").put("function",
                            new JsonObject().put("name", tool.getString("name")).put("arguments", "")))), null));
            for (String piece : new String[] { args.substring(0, cut), args.substring(cut) }) {
                out.append(scriptedChunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject()
                        .put("index", i).put("function", new JsonObject().put("arguments", piece)))), null));
            }
            finish = "tool_calls";
            words += 5;
        }
        out.append(scriptedChunk(new JsonObject(), step.getString("finish", finish)));
        out.append("data: ").append(new JsonObject().put("id", "chatcmpl-s").put("object", "chat.completion.chunk")
                .put("choices", new JsonArray()).put("usage", new JsonObject().put("prompt_tokens", 10)
                        .put("completion_tokens", words).put("total_tokens", 10 + words)).encode()).append("\n\n");
        out.append("data: [DONE]\n\n");
        res.end(out.toString());
    }

    private static String scriptedChunk(JsonObject delta, String finish) {
        JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finish);
        return "data: " + new JsonObject().put("id", "chatcmpl-s").put("object", "chat.completion.chunk")
                .put("created", 1).put("model", "scripted").put("choices", new JsonArray().add(choice)).encode() + "\n\n";
    }

    private static void sseHead(HttpServerResponse res) {
        res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache");
    }

    private static void error(HttpServerResponse res, int status, String message) {
        res.setStatusCode(status).putHeader("Content-Type", "application/json").end(new JsonObject()
                .put("error", new JsonObject().put("message", message).put("type", "server_error")
                        .putNull("param").putNull("code")).encode());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
