package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.inference.config.InferenceConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The built-in provider: no network, a deterministic answer ({@value #PREFIX} followed by the last user
 * message), streamed word by word after {@code ttft_ms}, one word per {@code tpot_ms}, failing before the
 * first byte with probability {@code failure_rate}. Honours max_tokens (a word is a token) and reports usage.
 */
@ApplicationScoped
public class SimulatorProvider implements UpstreamProvider {

    public static final String PREFIX = "Simulated reply to: ";

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Inject
    InferenceConfig config;

    @Override
    public Uni<UpstreamReply> call(Target target, ObjectNode request, CallOptions options) {
        double failureRate = target.number("failure_rate") == null ? 0 : target.number("failure_rate");
        long ttft = target.millis(config.simulator().ttft().toMillis(), "ttft_ms");
        long tpot = target.millis(config.simulator().tpot().toMillis(), "tpot_ms");
        if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
            return delay(ttft).chain(() -> Uni.createFrom().failure(
                    UpstreamException.status(503, "simulated upstream failure")));
        }
        List<String> tokens = tokens(reply(request));
        int limit = maxTokens(request);
        boolean truncated = tokens.size() > limit;
        List<String> sent = truncated ? tokens.subList(0, limit) : tokens;
        String finish = truncated ? "length" : "stop";
        int prompt = promptTokens(request);
        String id = "chatcmpl-sim" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        long created = System.currentTimeMillis() / 1000;
        if (!options.stream()) {
            ObjectNode out = json.createObjectNode().put("id", id).put("object", "chat.completion")
                    .put("created", created).put("model", options.requestedModel());
            ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", String.join("", sent));
            choice.putNull("logprobs");
            choice.put("finish_reason", finish);
            out.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", sent.size())
                    .put("total_tokens", prompt + sent.size());
            return delay(ttft + tpot * Math.max(0, sent.size() - 1)).map(v -> UpstreamReply.whole(out, null));
        }
        List<String> chunks = new ArrayList<>(sent.size() + 3);
        chunks.add(chunk(id, created, options.requestedModel(), json.createObjectNode().put("role", "assistant")
                .put("content", ""), null));
        for (String token : sent) {
            chunks.add(chunk(id, created, options.requestedModel(), json.createObjectNode().put("content", token), null));
        }
        chunks.add(chunk(id, created, options.requestedModel(), json.createObjectNode(), finish));
        ObjectNode usage = json.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", created).put("model", options.requestedModel());
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", sent.size())
                .put("total_tokens", prompt + sent.size());
        chunks.add(usage.toString());
        return Uni.createFrom().item(UpstreamReply.stream(paced(chunks, ttft, tpot)));
    }

    /** The chunks at the simulated pace: the role chunk at once, the first word after ttft, then one per tpot. */
    private Multi<String> paced(List<String> chunks, long ttft, long tpot) {
        return Multi.createFrom().emitter(em -> {
            AtomicBoolean stopped = new AtomicBoolean();
            em.onTermination(() -> stopped.set(true));
            em.emit(chunks.get(0));
            Runnable[] next = new Runnable[1];
            int[] index = { 1 };
            next[0] = () -> {
                if (stopped.get()) {
                    return;
                }
                em.emit(chunks.get(index[0]++));
                if (index[0] >= chunks.size()) {
                    em.complete();
                } else {
                    boolean word = index[0] < chunks.size() - 2;
                    schedule(word ? tpot : 0, next[0]);
                }
            };
            schedule(ttft, next[0]);
        });
    }

    private void schedule(long ms, Runnable task) {
        if (ms <= 0) {
            vertx.runOnContext(v -> task.run());
        } else {
            vertx.setTimer(ms, t -> task.run());
        }
    }

    private Uni<Void> delay(long ms) {
        if (ms <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(em -> {
            long id = vertx.setTimer(ms, t -> em.complete(null));
            em.onTermination(() -> vertx.cancelTimer(id));
        });
    }

    private String chunk(String id, long created, String model, ObjectNode delta, String finish) {
        ObjectNode c = json.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", created).put("model", model);
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return c.toString();
    }

    /** The deterministic answer: the prefix and the text of the last user message. */
    public static String reply(JsonNode request) {
        String last = "";
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                last = MessageContent.text(m.get("content"));
            }
        }
        return PREFIX + last.strip();
    }

    /** Words with their leading space, so that joining them gives the text back. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String word : text.split("\\s+")) {
            if (!word.isEmpty()) {
                out.add(out.isEmpty() ? word : " " + word);
            }
        }
        return out;
    }

    private static int maxTokens(JsonNode request) {
        JsonNode max = request.hasNonNull("max_completion_tokens") ? request.get("max_completion_tokens")
                : request.get("max_tokens");
        return max != null && max.canConvertToInt() && max.asInt() > 0 ? max.asInt() : Integer.MAX_VALUE;
    }

    private static int promptTokens(JsonNode request) {
        int words = 0;
        for (JsonNode m : request.path("messages")) {
            words += tokens(MessageContent.text(m.get("content"))).size() + 1;
        }
        return words;
    }
}
