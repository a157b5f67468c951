package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Any OpenAI-compatible upstream (OpenAI, vLLM, Ollama, llama.cpp): {@code POST {base_url}/chat/completions}.
 * Bodies and chunks pass through unchanged but for the model name: the upstream's in the request, the client's
 * in the answer and every chunk ({@link ModelRename}). A stream always asks for usage (the caller drops the usage chunk when the client did not ask for it), unless
 * the upstream refuses {@code stream_options}.
 */
@ApplicationScoped
public class OpenAiProvider implements UpstreamProvider {

    @Inject
    UpstreamHttp http;

    @Inject
    ObjectMapper json;

    @Override
    public Uni<UpstreamReply> call(Target target, ObjectNode request, CallOptions options) {
        boolean clientAsked = request.path("stream_options").path("include_usage").asBoolean(false);
        return send(target, request, options, options.stream() && !clientAsked)
                .onFailure(e -> !clientAsked && options.stream() && e instanceof UpstreamException u && u.rejected()
                        && String.valueOf(u.getMessage()).contains("stream_options"))
                // An older OpenAI-compatible server that refuses stream_options still serves the stream.
                .recoverWithUni(e -> send(target, request, options, false));
    }

    private Uni<UpstreamReply> send(Target target, ObjectNode request, CallOptions options, boolean askUsage) {
        ObjectNode body = request.deepCopy();
        body.put("model", target.upstreamModel());
        if (options.stream()) {
            body.put("stream", true);
        }
        if (askUsage) {
            JsonNode streamOptions = body.get("stream_options");
            ObjectNode so = streamOptions instanceof ObjectNode o ? o : body.putObject("stream_options");
            so.put("include_usage", true);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", options.stream() ? "text/event-stream" : "application/json");
        if (target.apiKey() != null && !target.apiKey().isBlank()) {
            headers.put("Authorization", "Bearer " + target.apiKey());
        }
        Buffer payload;
        try {
            payload = Buffer.buffer(json.writeValueAsBytes(body));
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        return http.post(trimSlash(target.baseUrl()) + "/chat/completions", headers, payload, options)
                .chain(exchange -> {
                    if (exchange.status() / 100 != 2) {
                        int status = exchange.status();
                        return exchange.errorMessage(json).onItem().<UpstreamReply>transformToUni(
                                message -> Uni.createFrom().failure(UpstreamException.status(status, message)));
                    }
                    if (options.stream()) {
                        return Uni.createFrom().item(UpstreamReply.stream(exchange.events()
                                .filter(e -> !"[DONE]".equals(e.data().trim()))
                                .map(e -> ModelRename.chunk(checked(e.data()), options.requestedModel(), json))));
                    }
                    return exchange.body().map(raw -> {
                        JsonNode completion;
                        try {
                            completion = json.readTree(raw.getBytes());
                        } catch (Exception e) {
                            throw UpstreamException.protocol("upstream sent a body that is not JSON");
                        }
                        // The upstream's bytes pass unchanged, but for the model's name.
                        return UpstreamReply.whole(completion, ModelRename.whole(completion, options.requestedModel())
                                ? Buffer.buffer(ModelRename.chunk(raw.toString(), options.requestedModel(), json)) : raw);
                    });
                });
    }

    /** A chunk that is an error object ends the stream as a failure, not as content. */
    private String checked(String data) {
        if (data.startsWith("{\"error\"")) {
            throw UpstreamException.protocol("upstream stream error: " + data);
        }
        return data;
    }

    static String trimSlash(String url) {
        if (url == null) {
            throw UpstreamException.protocol("provider has no base_url");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
