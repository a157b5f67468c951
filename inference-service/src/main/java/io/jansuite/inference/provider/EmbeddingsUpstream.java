package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Embeddings from a provider model: OpenAI-compatible upstreams' {@code POST {base_url}/embeddings}, or the
 * simulator's deterministic unit vectors (seeded by the input's SHA-256, so equal inputs get equal vectors;
 * {@code dimensions}, else the provider's {@code embedding_dimensions} setting, else {@value #SIMULATED_DIMENSIONS}).
 * Answers OpenAI's embedding list with float vectors. Anthropic has no embeddings API.
 */
@ApplicationScoped
public class EmbeddingsUpstream {

    static final int SIMULATED_DIMENSIONS = 1536;

    @Inject
    UpstreamHttp http;

    @Inject
    ObjectMapper json;

    /** True when this kind of provider has an embeddings API. */
    public static boolean speaks(Target target) {
        return Target.OPENAI.equals(target.providerType()) || Target.SIMULATOR.equals(target.providerType());
    }

    public Uni<UpstreamReply> call(Target target, ObjectNode request, UpstreamProvider.CallOptions options) {
        if (Target.SIMULATOR.equals(target.providerType())) {
            return Uni.createFrom().item(UpstreamReply.whole(simulate(target, request), null));
        }
        if (!Target.OPENAI.equals(target.providerType())) {
            return Uni.createFrom().failure(UpstreamException.protocol(target.providerType() + " has no embeddings API"));
        }
        ObjectNode body = request.deepCopy();
        body.remove("temperature"); // a chat default the router may have added: no embeddings field
        body.put("model", target.upstreamModel());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        if (target.apiKey() != null && !target.apiKey().isBlank()) {
            headers.put("Authorization", "Bearer " + target.apiKey());
        }
        return http.post(OpenAiProvider.trimSlash(target.baseUrl()) + "/embeddings", headers,
                Buffer.buffer(body.toString()), options).chain(exchange -> {
                    if (exchange.status() / 100 != 2) {
                        int status = exchange.status();
                        return exchange.errorMessage(json).onItem().<UpstreamReply>transformToUni(
                                message -> Uni.createFrom().failure(UpstreamException.status(status, message)));
                    }
                    return exchange.body().map(raw -> {
                        JsonNode answer;
                        try {
                            answer = json.readTree(raw.getBytes());
                        } catch (Exception e) {
                            throw UpstreamException.protocol("upstream sent a body that is not JSON");
                        }
                        if (!answer.path("data").isArray()) {
                            throw UpstreamException.protocol("upstream sent an embeddings answer without data");
                        }
                        return UpstreamReply.whole(answer, null);
                    });
                });
    }

    private ObjectNode simulate(Target target, ObjectNode request) {
        Double configured = target.number("embedding_dimensions");
        int dimensions = request.path("dimensions").canConvertToInt() ? request.get("dimensions").asInt()
                : configured != null && configured >= 1 ? configured.intValue() : SIMULATED_DIMENSIONS;
        ObjectNode out = json.createObjectNode().put("object", "list");
        ArrayNode data = out.putArray("data");
        int tokens = 0;
        List<String> inputs = inputs(request.get("input"));
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode vector = item.putArray("embedding");
            for (float v : vector(inputs.get(i), dimensions)) {
                vector.add(v);
            }
            tokens += Math.max(1, inputs.get(i).split("\\s+").length);
        }
        out.put("model", target.upstreamModel());
        out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return out;
    }

    /** Each input as text (a token array as its ids, space-separated). */
    private static List<String> inputs(JsonNode input) {
        List<String> out = new ArrayList<>();
        if (input == null || input.isTextual()) {
            out.add(input == null ? "" : input.asText());
        } else if (!input.isEmpty() && input.get(0).isIntegralNumber()) {
            out.add(tokenText(input));
        } else {
            for (JsonNode item : input) {
                out.add(item.isTextual() ? item.asText() : tokenText(item));
            }
        }
        return out;
    }

    private static String tokenText(JsonNode tokens) {
        StringBuilder s = new StringBuilder();
        for (JsonNode t : tokens) {
            s.append(s.length() == 0 ? "" : " ").append(t.asInt());
        }
        return s.toString();
    }

    /** A unit vector determined by the text alone. */
    static float[] vector(String text, int dimensions) {
        long seed;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (digest[i] & 0xff);
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Random random = new Random(seed);
        double[] raw = new double[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            raw[i] = random.nextGaussian();
            norm += raw[i] * raw[i];
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            out[i] = (float) (raw[i] / norm);
        }
        return out;
    }
}
