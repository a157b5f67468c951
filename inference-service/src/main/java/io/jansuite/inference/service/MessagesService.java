package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.error.ErrorEnvelope;
import io.jansuite.inference.provider.MessageContent;
import io.jansuite.inference.quota.Quotas;
import io.jansuite.inference.provider.UpstreamException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API served by any model of the catalog. The request is
 * translated to OpenAI's chat shape, routed and failed over like a chat completion, and the answer (whole
 * or streamed) translated back into Anthropic's shapes. {@code POST /v1/messages/count_tokens} estimates
 * the input the same way usage does when a provider reports none (about four characters a token).
 */
@ApplicationScoped
public class MessagesService {

    private static final Logger LOG = Logger.getLogger(MessagesService.class);

    @Inject
    ModelAccess access;

    @Inject
    ProviderRouter router;

    @Inject
    GatewayUsage usage;

    @Inject
    Quotas quotas;

    @Inject
    ObjectMapper json;

    private MessagesReply replies;

    @PostConstruct
    void init() {
        replies = new MessagesReply(json);
    }

    public Uni<Reply> create(ObjectNode body, Caller caller, String requestId) {
        long started = System.nanoTime();
        MessagesRequest request = MessagesRequest.parse(body, json, false);
        int inputEstimate = estimate(request.chat());
        return access.route(caller, request.model()).chain(route -> quotas.reserve(caller, route.targets(),
                inputEstimate, request.chat().path("max_tokens").asLong(0)).chain(reservation -> {
                    GatewayUsage.Call call = new GatewayUsage.Call("messages", caller, requestId, route, request.stream(),
                            started, reservation);
                    return router.dispatch(route, request.chat(), request.model(), request.stream())
                            .map(d -> d.withQuota(reservation.headers()))
                            .map(d -> request.stream() ? stream(call, request, d, inputEstimate)
                                    : whole(call, request, d, inputEstimate))
                            .onFailure(ApiException.class).invoke(e -> usage.record(call, null, 0, 0,
                                    ((ApiException) e).status(), ((ApiException) e).code()))
                            .onFailure().invoke(reservation::release)
                            .onCancellation().invoke(reservation::release);
                }));
    }

    public Uni<Reply> countTokens(ObjectNode body, Caller caller) {
        MessagesRequest request = MessagesRequest.parse(body, json, true);
        return access.route(caller, request.model()).map(route -> Reply.json(200, Map.of(), Buffer.buffer(
                json.createObjectNode().put("input_tokens", estimate(request.chat())).toString())));
    }

    private Reply whole(GatewayUsage.Call call, MessagesRequest request, ProviderRouter.Dispatch d, int inputEstimate) {
        ObjectNode message = replies.message(d.reply().completion(), request.model(), inputEstimate);
        JsonNode tokens = message.path("usage");
        usage.record(call, d, tokens.path("input_tokens").asInt(), tokens.path("output_tokens").asInt(), 200, null);
        return Reply.json(200, d.headers(), Buffer.buffer(message.toString()));
    }

    private Reply stream(GatewayUsage.Call call, MessagesRequest request, ProviderRouter.Dispatch d, int inputEstimate) {
        MessagesReply.Stream translation = replies.new Stream(request.model(), inputEstimate);
        boolean[] outcome = { false, false }; // finished, failed
        Multi<String> events = Multi.createBy().concatenating().streams(
                Multi.createFrom().item(translation::start),
                d.reply().chunks().onItem().transformToIterable(translation::chunk),
                Multi.createFrom().deferred(() -> {
                    outcome[0] = true;
                    return Multi.createFrom().iterable(translation.finish());
                }))
                .onFailure().recoverWithMulti(e -> {
                    outcome[1] = true;
                    LOG.warnf("messages stream from %s ended early: %s", d.target(), e.getMessage());
                    return Multi.createFrom().item(streamError(e, call.requestId()));
                })
                .onTermination().invoke((failure, cancelled) -> {
                    int status = outcome[1] || failure != null ? 502 : cancelled && !outcome[0] ? 499 : 200;
                    usage.record(call, d, translation.inputTokens(), translation.outputTokens(), status,
                            status == 200 ? null : status == 499 ? "client_closed" : "upstream_stream_failed");
                });
        return Reply.eventStream(d.headers(), events.map(Buffer::buffer));
    }

    /** Anthropic's error event; its error object also carries the suite's code and request id. */
    private String streamError(Throwable e, String requestId) {
        boolean timeout = e instanceof UpstreamException u && u.timeout();
        ObjectNode event = error(Reply.envelope(502, timeout ? "upstream_timeout" : "upstream_error",
                timeout ? "The model provider stopped answering." : "The model provider failed mid-stream.", null, requestId));
        ((ObjectNode) event.get("error")).put("type", "api_error");
        return MessagesReply.event("error", event);
    }

    /** An error answer: the envelope with Anthropic's marker, and the exception's headers (Retry-After, ...). */
    public Reply errorReply(ApiException e, String requestId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        e.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        return Reply.json(e.status(), headers, Buffer.buffer(error(Reply.envelope(e.status(), e.code(), e.getMessage(),
                e.param(), requestId)).toString()));
    }

    /** The suite's error envelope with Anthropic's {@code "type": "error"} beside it, so both kinds of client read it. */
    public ObjectNode error(ErrorEnvelope envelope) {
        ObjectNode out = json.createObjectNode().put("type", "error");
        out.set("error", json.valueToTree(envelope.error()));
        return out;
    }

    /** Input tokens as usage estimates them: message text plus a little per message, and the tools' schemas. */
    private static int estimate(ObjectNode chat) {
        int chars = 0;
        for (JsonNode m : chat.path("messages")) {
            chars += MessageContent.text(m.get("content")).length() + 16;
            chars += m.path("tool_calls").toString().length();
        }
        chars += chat.path("tools").isMissingNode() ? 0 : chat.get("tools").toString().length();
        return Math.max(1, (chars + 3) / 4);
    }
}
