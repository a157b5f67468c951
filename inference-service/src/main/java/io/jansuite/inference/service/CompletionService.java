package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.UsageRecord;
import io.jansuite.inference.config.InferenceConfig;
import io.jansuite.inference.neighbour.ConversationMessage;
import io.jansuite.inference.neighbour.ConversationStore;
import io.jansuite.inference.neighbour.Route;
import io.jansuite.inference.provider.MessageContent;
import io.jansuite.inference.provider.UpstreamException;
import io.jansuite.inference.quota.Quotas;
import io.jansuite.inference.quota.Reservation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A chat completion from request to answer: validate, find the model's route, load the conversation (bounded
 * by the context window) and store the user's messages in it, send to a provider (with failover), answer whole
 * or as a stream, then record usage and store the answer: whole, or marked incomplete when it was cut short.
 * The caller's quotas and budgets are reserved before the question is stored and settled with the usage.
 */
@ApplicationScoped
public class CompletionService {

    private static final Logger LOG = Logger.getLogger(CompletionService.class);
    private static final Buffer OPEN = Buffer.buffer(": ok\n\n");
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
    /** On a whole answer that could not be stored in its conversation. */
    public static final String STORE_FAILED_HEADER = "X-Conversation-Store";

    @Inject
    ModelAccess access;

    @Inject
    ConversationStore conversations;

    @Inject
    ConversationTurns turns;

    /** Tokens of history allowed for a model whose context window the catalog does not know. */
    @Inject
    InferenceConfig config;

    @Inject
    ProviderRouter router;

    @Inject
    GatewayUsage gatewayUsage;

    @Inject
    Quotas quotas;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    /** The context of one completion, for usage and the conversation. */
    private record Call(ChatRequest request, Caller caller, String requestId, long startedNanos, Route route,
            int promptEstimate, Reservation reservation) {
    }

    public Uni<Reply> complete(ObjectNode body, Caller caller, String requestId) {
        long started = System.nanoTime();
        ChatRequest request = ChatRequest.parse(body);
        return access.route(caller, request.model()).chain(route -> {
            ApiException tooMany = maxTokensBeyond(route.contextWindow(), body);
            if (tooMany != null) {
                return Uni.createFrom().failure(tooMany);
            }
            return history(request, caller).chain(history -> {
                int window = route.contextWindow() != null ? route.contextWindow() : config.defaultContextWindow();
                ObjectNode upstream = request.upstreamRequest(HistoryWindow.fit(history, body, window));
                int prompt = estimatePrompt(upstream);
                // refused before anything is stored or sent
                return quotas.reserve(caller, route.targets(), prompt, maxOutput(body, window, prompt))
                        .chain(reservation -> turns.storeQuestion(request, caller).chain(() -> {
                            Call call = new Call(request, caller, requestId, started, route, prompt, reservation);
                            return router.dispatch(route, upstream, request.model(), request.stream())
                                    .map(d -> d.withQuota(reservation.headers()))
                                    .chain(d -> request.stream() ? Uni.createFrom().item(stream(call, d)) : whole(call, d))
                                    .onFailure(ApiException.class).call(e -> {
                                        ApiException failure = (ApiException) e;
                                        record(call, null, 0, 0, failure.status(), failure.code());
                                        return turns.storeAnswer(request, caller, "",
                                                failure.status() == 504 ? "timeout" : "upstream_error");
                                    });
                        }).onFailure().invoke(reservation::release).onCancellation().invoke(reservation::release));
            });
        });
    }

    /**
     * A request may not ask for more output than the model can hold at all: {@code max_tokens} (or
     * {@code max_completion_tokens}) over the context window is refused before anything is stored or sent.
     */
    static ApiException maxTokensBeyond(Integer contextWindow, ObjectNode body) {
        if (contextWindow == null) {
            return null;
        }
        for (String field : new String[] { "max_completion_tokens", "max_tokens" }) {
            JsonNode value = body.get(field);
            if (value != null && value.canConvertToLong() && value.asLong() > contextWindow) {
                return ApiException.badRequest("invalid_value", field + " is " + value.asLong()
                        + ", more than the model's context window of " + contextWindow + " tokens.", field);
            }
        }
        return null;
    }

    /** The most output a request may produce: its max_completion_tokens or max_tokens, else what the window leaves. */
    static long maxOutput(ObjectNode body, int contextWindow, int prompt) {
        for (String field : new String[] { "max_completion_tokens", "max_tokens" }) {
            JsonNode value = body.get(field);
            if (value != null && value.canConvertToLong() && value.asLong() > 0) {
                return value.asLong();
            }
        }
        return Math.max(1, contextWindow - prompt);
    }

    private Uni<List<ConversationMessage>> history(ChatRequest request, Caller caller) {
        if (request.conversationId() == null) {
            return Uni.createFrom().item(List.of());
        }
        return conversations.messages(request.conversationId(), caller.authorizationHeader())
                .onFailure().transform(e -> {
                    LOG.warnf("conversation-service unavailable: %s", e.toString());
                    return ApiException.unavailable("conversation_unavailable",
                            "Conversations are unavailable; try again shortly.");
                })
                .onItem().ifNull().failWith(() -> ApiException.notFound("conversation_not_found",
                        "No conversation " + request.conversationId() + "."));
    }

    private Uni<Reply> whole(Call call, ProviderRouter.Dispatch d) {
        JsonNode completion = d.reply().completion();
        JsonNode tokens = completion.path("usage");
        int prompt = tokens.path("prompt_tokens").asInt(call.promptEstimate());
        String content = MessageContent.text(completion.path("choices").path(0).path("message").path("content"));
        int completionTokens = tokens.path("completion_tokens").asInt((content.length() + 3) / 4);
        Buffer body = d.reply().raw() != null ? d.reply().raw() : Buffer.buffer(Reply.encode(json, completion));
        record(call, d, prompt, completionTokens, 200, null);
        return turns.storeAnswer(call.request(), call.caller(), content, null).map(stored -> {
            if (stored) {
                return Reply.json(200, d.headers(), body);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>(d.headers());
            headers.put(STORE_FAILED_HEADER, List.of("failed"));
            return Reply.json(200, headers, body);
        });
    }

    private Reply stream(Call call, ProviderRouter.Dispatch d) {
        StreamTally tally = new StreamTally(json);
        boolean includeUsage = call.request().includeUsage();
        Multi<Buffer> events = d.reply().chunks()
                .filter(chunk -> !tally.observe(chunk) || includeUsage)
                .map(chunk -> Buffer.buffer(chunk.length() + 8).appendString("data: ").appendString(chunk)
                        .appendString("\n\n"));
        // The conversation is stored before [DONE], so a client that reads it next sees the answer.
        Multi<Buffer> done = Uni.createFrom().deferred(() -> {
            tally.finished = true;
            return turns.storeAnswer(call.request(), call.caller(), tally.content(), null);
        }).onItem().transformToMulti(stored -> stored ? Multi.createFrom().item(DONE)
                : Multi.createFrom().item(storeFailedEvent(call.requestId())));
        Multi<Buffer> body = Multi.createBy().concatenating().streams(Multi.createFrom().item(OPEN), events, done)
                .onFailure().recoverWithMulti(e -> {
                    tally.failed = true;
                    LOG.warnf("stream from %s ended early: %s", d.target(), e.getMessage());
                    boolean timeout = e instanceof UpstreamException u && u.timeout();
                    return turns.storeAnswer(call.request(), call.caller(), tally.content(),
                            timeout ? "timeout" : "upstream_error")
                            .onItem().transformToMulti(stored -> Multi.createFrom().item(errorEvent(e, call.requestId())));
                })
                .onTermination().invoke((failure, cancelled) -> {
                    int status = tally.failed || failure != null ? 502 : cancelled && !tally.finished ? 499 : 200;
                    record(call, d, tally.promptTokens(call.promptEstimate()), tally.completionTokens(), status,
                            status == 200 ? null : status == 499 ? "client_closed" : "upstream_stream_failed");
                    if (status == 499) {
                        turns.storeAnswer(call.request(), call.caller(), tally.content(), "client_disconnected")
                                .subscribe().with(stored -> { }, e -> { });
                    }
                });
        return Reply.eventStream(d.headers(), body);
    }

    /** The last event of a stream that broke after it started: an error object, never a made-up answer. */
    private Buffer errorEvent(Throwable e, String requestId) {
        boolean timeout = e instanceof UpstreamException u && u.timeout();
        String code = timeout ? "upstream_timeout" : "upstream_error";
        String message = timeout ? "The model provider stopped answering." : "The model provider failed mid-stream.";
        return Buffer.buffer("data: " + Reply.encode(json, Reply.envelope(502, code, message, null, requestId)) + "\n\n");
    }

    /** The stream's last event when the answer could not be stored: the client must not believe it was. */
    private Buffer storeFailedEvent(String requestId) {
        return Buffer.buffer("data: " + Reply.encode(json, Reply.envelope(503, "conversation_store_failed",
                "The answer was not stored in the conversation.", "conversation", requestId)) + "\n\n");
    }

    private void record(Call call, ProviderRouter.Dispatch d, int prompt, int completion, int status, String error) {
        UsageRecord row = gatewayUsage.write(call.caller(), call.requestId(), call.route(), d, call.request().stream(),
                call.startedNanos(), prompt, completion, status, error, call.reservation());
        Timer.builder("jansuite.completions").description("Chat completions by model, provider and HTTP status")
                .tags("model", row.model, "provider", d == null ? "none" : String.valueOf(d.target().providerName()),
                        "status", String.valueOf(status), "stream", String.valueOf(row.stream))
                .register(metrics).record(java.time.Duration.ofMillis(row.latencyMs));
    }

    private static int estimatePrompt(ObjectNode request) {
        int chars = 0;
        for (JsonNode m : request.path("messages")) {
            chars += MessageContent.text(m.get("content")).length() + 16;
        }
        return (chars + 3) / 4;
    }
}
