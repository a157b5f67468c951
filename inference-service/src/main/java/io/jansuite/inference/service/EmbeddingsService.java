package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.provider.EmbeddingsUpstream;
import io.jansuite.inference.provider.Target;
import io.jansuite.inference.quota.Quotas;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/embeddings}: the model's route, narrowed to the provider models with the
 * {@code embeddings} capability, served with the same failover as chat completions; the answer names the
 * model the client asked for, vectors as floats or base64 (little-endian float32, as OpenAI encodes them).
 */
@ApplicationScoped
public class EmbeddingsService {

    public static final String CAPABILITY = "embeddings";

    @Inject
    ModelAccess access;

    @Inject
    ProviderRouter router;

    @Inject
    EmbeddingsUpstream upstream;

    @Inject
    GatewayUsage usage;

    @Inject
    Quotas quotas;

    @Inject
    ObjectMapper json;

    public Uni<Reply> create(ObjectNode body, Caller caller, String requestId) {
        long started = System.nanoTime();
        EmbeddingsRequest request = EmbeddingsRequest.parse(body);
        return access.route(caller, request.model()).chain(route -> {
            List<Target> targets = route.targets().stream()
                    .filter(t -> t.can(CAPABILITY) && EmbeddingsUpstream.speaks(t)).toList();
            if (targets.isEmpty() && !route.targets().isEmpty()) {
                return Uni.createFrom().failure(ApiException.badRequest("model_not_supported",
                        "The model " + request.model() + " does not create embeddings.", "model"));
            }
            return quotas.reserve(caller, targets, request.estimatedTokens(), 0).chain(reservation -> {
                GatewayUsage.Call call = new GatewayUsage.Call(CAPABILITY, caller, requestId, route, false, started,
                        reservation);
                return router.dispatch(targets, request.upstreamRequest(json.createObjectNode()), request.model(), false,
                        upstream::call)
                        .map(d -> answer(call, request, d.withQuota(reservation.headers())))
                        .onFailure(ApiException.class).invoke(e -> usage.record(call, null, 0, 0,
                                ((ApiException) e).status(), ((ApiException) e).code()))
                        .onFailure().invoke(reservation::release)
                        .onCancellation().invoke(reservation::release);
            });
        });
    }

    private Reply answer(GatewayUsage.Call call, EmbeddingsRequest request, ProviderRouter.Dispatch d) {
        JsonNode upstreamAnswer = d.reply().completion();
        JsonNode data = upstreamAnswer.path("data");
        if (data.size() != request.count()) {
            throw new ApiException(502, "upstream_error", "The model provider answered " + data.size()
                    + " embeddings for " + request.count() + " inputs.", null);
        }
        ObjectNode out = json.createObjectNode().put("object", "list");
        ArrayNode items = out.putArray("data");
        for (int i = 0; i < data.size(); i++) {
            JsonNode vector = data.get(i).path("embedding");
            ObjectNode item = items.addObject().put("object", "embedding").put("index", data.get(i).path("index").asInt(i));
            if (request.base64()) {
                item.put("embedding", vector.isTextual() ? vector.asText() : base64(vector));
            } else {
                item.set("embedding", vector.isTextual() ? floats(vector.asText()) : vector);
            }
        }
        out.put("model", request.model());
        int tokens = upstreamAnswer.path("usage").path("prompt_tokens").asInt(request.estimatedTokens());
        out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        usage.record(call, d, tokens, 0, 200, null);
        return Reply.json(200, d.headers(), Buffer.buffer(Reply.encode(json, out)));
    }

    static String base64(JsonNode vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode v : vector) {
            bytes.putFloat((float) v.asDouble());
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private ArrayNode floats(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        ArrayNode out = json.createArrayNode();
        while (bytes.remaining() >= Float.BYTES) {
            out.add(bytes.getFloat());
        }
        return out;
    }
}
