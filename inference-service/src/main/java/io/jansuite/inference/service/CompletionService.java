package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.http.Ids;
import io.jansuite.inference.UsageRecord;
import io.jansuite.inference.client.ConversationMessage;
import io.jansuite.inference.client.MessageContent;
import io.jansuite.inference.client.ConversationStore;
import io.jansuite.inference.client.Route;
import io.jansuite.inference.client.UpstreamException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A chat completion from request to answer: validate, find the model's route, load the conversation, send
 * to a provider (with failover), answer whole or as a stream, then record usage and store the exchange.
 */
@ApplicationScoped
public class CompletionService {

    private static final Logger LOG = Logger.getLogger(CompletionService.class);
    private static final Buffer OPEN = Buffer.buffer(": ok\n\n");
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    @Inject
    ModelAccess access;

    @Inject
    ConversationStore conversations;

    @Inject
    ProviderRouter router;

    @Inject
    UsageRecorder usage;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    /** The context of one completion, for usage and the conversation. */
    private record Call(ChatRequest request, Caller caller, String requestId, long startedNanos, Route route,
            int promptEstimate) {
    }

    public Uni<Reply> complete(ObjectNode body, Caller caller, String requestId) {
        long started = System.nanoTime();
        ChatRequest request = ChatRequest.parse(body);
        return access.route(caller, request.model()).chain(route -> {
            return history(request, caller).chain(history -> {
                ObjectNode upstream = request.upstreamRequest(history);
                Call call = new Call(request, caller, requestId, started, route, estimatePrompt(upstream));
                return router.dispatch(route, upstream, request.model(), request.stream())
                        .chain(d -> request.stream() ? Uni.createFrom().item(stream(call, d)) : whole(call, d))
                        .onFailure(ApiException.class).invoke(e -> record(call, null, 0, 0,
                                ((ApiException) e).status(), ((ApiException) e).code()));
            });
        });
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
        return store(call, content).replaceWith(Reply.json(200, d.headers(), body));
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
            return store(call, tally.content());
        }).onItem().transformToMulti(v -> Multi.createFrom().item(DONE));
        Multi<Buffer> body = Multi.createBy().concatenating().streams(Multi.createFrom().item(OPEN), events, done)
                .onFailure().recoverWithMulti(e -> {
                    tally.failed = true;
                    LOG.warnf("stream from %s ended early: %s", d.target(), e.getMessage());
                    return Multi.createFrom().item(errorEvent(e, call.requestId()));
                })
                .onTermination().invoke((failure, cancelled) -> {
                    int status = tally.failed || failure != null ? 502 : cancelled && !tally.finished ? 499 : 200;
                    record(call, d, tally.promptTokens(call.promptEstimate()), tally.completionTokens(), status,
                            status == 200 ? null : status == 499 ? "client_closed" : "upstream_stream_failed");
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

    /** Appends the request's user messages and the answer to the conversation, if the request named one. */
    private Uni<Void> store(Call call, String answer) {
        String conversationId = call.request().conversationId();
        if (conversationId == null) {
            return Uni.createFrom().voidItem();
        }
        List<ConversationMessage> messages = new ArrayList<>(call.request().userMessages());
        if (!answer.isEmpty()) {
            messages.add(new ConversationMessage("assistant", answer));
        }
        return conversations.append(conversationId, call.caller().authorizationHeader(), messages, call.request().model())
                .onFailure().invoke(e -> LOG.warnf("could not store messages in %s: %s", conversationId, e.toString()))
                .onFailure().recoverWithNull();
    }

    private void record(Call call, ProviderRouter.Dispatch d, int prompt, int completion, int status, String error) {
        UsageRecord row = new UsageRecord();
        row.id = Ids.next("use");
        row.createdAt = Instant.now();
        row.userId = call.caller() == null ? null : call.caller().userId();
        row.apiKeyId = call.caller() == null ? null : call.caller().apiKeyId();
        row.model = call.route().usageKey();
        if (d != null) {
            row.providerId = d.target().providerId();
            row.providerModelId = d.target().providerModelId();
            row.upstreamModel = d.target().upstreamModel();
        }
        row.promptTokens = prompt;
        row.completionTokens = completion;
        row.latencyMs = (System.nanoTime() - call.startedNanos()) / 1_000_000;
        row.status = status;
        row.stream = call.request().stream();
        row.errorCode = error;
        row.requestId = call.requestId();
        usage.record(row);
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
