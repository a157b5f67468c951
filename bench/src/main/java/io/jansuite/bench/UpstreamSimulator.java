package io.jansuite.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An OpenAI-compatible upstream that answers at once, for the benchmark ({@code bench/run.sh}): what it costs
 * to reach a model through the suite is measured against what it costs to reach this server directly.
 *
 * <ul>
 *   <li>{@code GET /v1/models}: {@value #MODEL} and {@value #PACED_MODEL}.</li>
 *   <li>{@code POST /v1/chat/completions}: a {@code chat.completion}, or with {@code stream: true} OpenAI's
 *       chunks ({@code role}, one per token, {@code finish_reason}, then {@code usage} with {@code choices: []}
 *       when {@code stream_options.include_usage}) and {@code data: [DONE]}. Each event is its own write.</li>
 * </ul>
 *
 * <p>Pace: {@code SIM_DELAY_MS} before the answer (0), {@code SIM_TOKENS} tokens per answer (16). The model
 * {@value #PACED_MODEL} spaces its stream events by {@code SIM_PACE_MS} (2), so that a proxy that coalesces
 * events can be told from one that does not. Usage: {@code UpstreamSimulator [port] [host]} (8090, 127.0.0.1).
 */
public final class UpstreamSimulator {

    public static final String MODEL = "bench-model";
    public static final String PACED_MODEL = "bench-paced";
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final Vertx vertx;
    private final long delayMs;
    private final int tokens;
    private final long paceMs;

    private UpstreamSimulator(Vertx vertx, long delayMs, int tokens, long paceMs) {
        this.vertx = vertx;
        this.delayMs = delayMs;
        this.tokens = tokens;
        this.paceMs = paceMs;
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        Vertx vertx = Vertx.vertx();
        UpstreamSimulator sim = new UpstreamSimulator(vertx, env("SIM_DELAY_MS", 0), (int) env("SIM_TOKENS", 16),
                env("SIM_PACE_MS", 2));
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(0))
                .requestHandler(sim::handle)
                .listen(port, host)
                .toCompletionStage().toCompletableFuture().get();
        System.out.printf("upstream simulator on http://%s:%d/v1 (delay %d ms, %d tokens, %s paced by %d ms)%n",
                host, port, sim.delayMs, sim.tokens, PACED_MODEL, sim.paceMs);
        Runtime.getRuntime().addShutdownHook(new Thread(vertx::close));
    }

    private static long env(String name, long fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Long.parseLong(v.strip());
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if ("/v1/models".equals(path) && request.method().name().equals("GET")) {
            long created = System.currentTimeMillis() / 1000;
            JsonArray data = new JsonArray();
            for (String id : new String[] { MODEL, PACED_MODEL }) {
                data.add(new JsonObject().put("id", id).put("object", "model").put("created", created)
                        .put("owned_by", "bench"));
            }
            json(request.response(), 200, new JsonObject().put("object", "list").put("data", data));
        } else if ("/v1/chat/completions".equals(path) && request.method().name().equals("POST")) {
            request.body().onSuccess(body -> {
                JsonObject chat;
                try {
                    chat = body.toJsonObject();
                } catch (RuntimeException e) {
                    error(request.response(), 400, "invalid_request_error", "body is not JSON");
                    return;
                }
                if (delayMs > 0) {
                    vertx.setTimer(delayMs, t -> complete(request.response(), chat));
                } else {
                    complete(request.response(), chat);
                }
            });
        } else {
            error(request.response(), 404, "invalid_request_error", "Unknown route " + request.method() + " " + path);
        }
    }

    private void complete(HttpServerResponse response, JsonObject chat) {
        String model = chat.getString("model", MODEL);
        String id = "chatcmpl-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        long created = System.currentTimeMillis() / 1000;
        int completion = Math.min(tokens, chat.getInteger("max_tokens", Integer.MAX_VALUE));
        JsonObject usage = usage(promptTokens(chat), completion);
        if (!chat.getBoolean("stream", false)) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < completion; i++) {
                text.append(token(i));
            }
            JsonObject message = new JsonObject().put("role", "assistant").put("content", text.toString())
                    .putNull("refusal");
            JsonObject choice = new JsonObject().put("index", 0).put("message", message).putNull("logprobs")
                    .put("finish_reason", "stop");
            json(response, 200, new JsonObject().put("id", id).put("object", "chat.completion").put("created", created)
                    .put("model", model).put("system_fingerprint", "fp_bench")
                    .put("choices", new JsonArray().add(choice)).put("usage", usage));
            return;
        }
        boolean includeUsage = chat.getJsonObject("stream_options", new JsonObject()).getBoolean("include_usage", false);
        response.setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
        int events = completion + 2 + (includeUsage ? 1 : 0);
        long pace = PACED_MODEL.equals(model) ? paceMs : 0;
        send(response, 0, events, completion, includeUsage, pace, id, created, model, usage);
    }

    /** Event {@code i} of {@code events}: the role, the tokens, the finish reason, the usage; then [DONE]. */
    private void send(HttpServerResponse response, int i, int events, int completion, boolean includeUsage, long pace,
                      String id, long created, String model, JsonObject usage) {
        if (response.closed()) {
            return;
        }
        if (i == events) {
            response.end(DONE);
            return;
        }
        JsonObject chunk = new JsonObject().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", model).put("system_fingerprint", "fp_bench");
        if (i == completion + 2) {
            chunk.put("choices", new JsonArray()).put("usage", usage);
        } else {
            JsonObject delta = i == 0 ? new JsonObject().put("role", "assistant").put("content", "").putNull("refusal")
                    : i <= completion ? new JsonObject().put("content", token(i - 1)) : new JsonObject();
            JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).putNull("logprobs");
            if (i == completion + 1) {
                choice.put("finish_reason", "stop");
            } else {
                choice.putNull("finish_reason");
            }
            chunk.put("choices", new JsonArray().add(choice));
            if (includeUsage) {
                chunk.putNull("usage");
            }
        }
        response.write(Buffer.buffer("data: ").appendBuffer(chunk.toBuffer()).appendString("\n\n"));
        if (pace > 0) {
            vertx.setTimer(pace, t -> send(response, i + 1, events, completion, includeUsage, pace, id, created, model, usage));
        } else {
            send(response, i + 1, events, completion, includeUsage, pace, id, created, model, usage);
        }
    }

    private static String token(int i) {
        return i == 0 ? "Token" : " token" + i;
    }

    private static int promptTokens(JsonObject chat) {
        int words = 0;
        for (Object m : chat.getJsonArray("messages", new JsonArray())) {
            if (m instanceof JsonObject message && message.getValue("content") instanceof String s) {
                words += s.split("\\s+").length + 4;
            }
        }
        return words;
    }

    private static JsonObject usage(int prompt, int completion) {
        return new JsonObject().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toBuffer());
    }

    private static void error(HttpServerResponse response, int status, String type, String message) {
        json(response, status, new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
                .putNull("param").putNull("code")));
    }
}
