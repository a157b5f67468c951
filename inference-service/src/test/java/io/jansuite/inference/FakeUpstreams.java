package io.jansuite.inference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Upstream providers speaking the OpenAI and Anthropic wire formats, with the chunk shapes the real ones send.
 * A base URL is {@code http://127.0.0.1:<port>/<scenario>/<id>/v1}: the scenario picks the behaviour
 * ({@code openai}, {@code anthropic}, {@code error500}, {@code error429}, {@code error400}, {@code hang},
 * {@code stall}, {@code endless}, {@code flaky}, {@code midstreamerror}, {@code dies}: a first chunk, then the
 * connection closed as by a crashed provider; {@code hugebody}, {@code hugeevent}: answers too large to hold) and {@code GET /control/<id>} tells what that id received:
 * {@code {hits, body, headers, closed}} ({@code closed}: the caller hung up before the end).
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    static final String OPENAI_TEXT = "Hello from the upstream";
    static final List<String> OPENAI_TOKENS = List.of("Hello", " from", " the", " upstream");
    static final String FINGERPRINT = "fp_44709d6fcb";

    private Vertx vertx;
    private final Map<String, JsonObject> seen = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            String[] parts = req.path().split("/");
            if (parts.length == 3 && parts[1].equals("control")) {
                req.response().putHeader("Content-Type", "application/json")
                        .end(seen.getOrDefault(parts[2], new JsonObject().put("hits", 0)).encode());
                return;
            }
            String scenario = parts[1];
            String id = parts[2];
            JsonObject body = b.length() == 0 ? new JsonObject() : b.toJsonObject();
            JsonObject record = seen.computeIfAbsent(id, k -> new JsonObject().put("hits", 0).put("closed", false));
            JsonObject headers = new JsonObject();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            synchronized (record) {
                record.put("hits", record.getInteger("hits") + 1).put("body", body).put("headers", headers);
            }
            serve(scenario, record, req, body);
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("fake-upstreams.port", String.valueOf(server.actualPort()));
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
                    .end(tools ? OpenAiShapes.toolCompletion() : OpenAiShapes.completion(OPENAI_TEXT));
            return;
        }
        sseHead(res);
        List<String> chunks = tools ? OpenAiShapes.toolChunks() : OpenAiShapes.textChunks(OPENAI_TOKENS);
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
