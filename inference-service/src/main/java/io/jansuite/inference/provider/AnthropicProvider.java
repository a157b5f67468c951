package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Anthropic's Messages API ({@code POST {base_url}/messages}), translated to and from OpenAI shapes. */
@ApplicationScoped
public class AnthropicProvider implements UpstreamProvider {

    static final String API_VERSION = "2023-06-01";

    @Inject
    UpstreamHttp http;

    @Inject
    ObjectMapper json;

    private AnthropicRequests requests;
    private AnthropicResponses responses;

    @PostConstruct
    void init() {
        requests = new AnthropicRequests(json);
        responses = new AnthropicResponses(json);
    }

    @Override
    public Uni<UpstreamReply> call(Target target, ObjectNode request, CallOptions options) {
        ObjectNode body = requests.translate(request, target.upstreamModel(), options.stream());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", options.stream() ? "text/event-stream" : "application/json");
        headers.put("anthropic-version", API_VERSION);
        if (target.apiKey() != null && !target.apiKey().isBlank()) {
            headers.put("x-api-key", target.apiKey());
        }
        String url = OpenAiProvider.trimSlash(target.baseUrl()) + "/messages";
        return http.post(url, headers, Buffer.buffer(body.toString()), options).chain(exchange -> {
            if (exchange.status() / 100 != 2) {
                int status = exchange.status();
                return exchange.errorMessage(json).onItem().<UpstreamReply>transformToUni(
                        message -> Uni.createFrom().failure(UpstreamException.status(status, message)));
            }
            if (options.stream()) {
                AnthropicResponses.Stream stream = responses.new Stream(options.requestedModel());
                return Uni.createFrom().item(UpstreamReply.stream(exchange.events()
                        .onItem().transformToIterable(stream::translate)));
            }
            return exchange.body().map(raw -> {
                try {
                    return UpstreamReply.whole(responses.completion(json.readTree(raw.getBytes()),
                            options.requestedModel()), null);
                } catch (java.io.IOException e) {
                    throw UpstreamException.protocol("upstream sent a body that is not JSON");
                }
            });
        });
    }
}
