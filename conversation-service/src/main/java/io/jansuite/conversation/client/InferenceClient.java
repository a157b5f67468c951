package io.jansuite.conversation.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks the inference-service for one chat completion. No retry here: the inference-service already retries
 * and fails over between providers, and a completion is not idempotent.
 */
@ApplicationScoped
public class InferenceClient {

    @Inject
    @RestClient
    InferenceApi api;

    /** The assistant's reply text; fails with the inference-service's error in the envelope. */
    public Uni<String> complete(String authorization, ChatRequest request) {
        return api.complete(authorization, request)
                .onFailure(f -> !(f instanceof ApiException)).transform(InferenceClient::unreachable)
                .map(InferenceClient::replyText);
    }

    static String replyText(JsonNode completion) {
        JsonNode message = completion == null ? null : completion.path("choices").path(0).path("message");
        if (message == null || message.isMissingNode() || !message.isObject()) {
            throw new ApiException(502, "upstream_invalid_response", "The model returned no message.", null);
        }
        JsonNode content = message.path("content");
        return content.isTextual() ? content.asText() : content.isMissingNode() || content.isNull() ? "" : content.toString();
    }

    private static Throwable unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return new ApiException(504, "upstream_timeout", "The inference service did not answer in time.", null);
            }
            if (t instanceof ConnectException) {
                break;
            }
        }
        return new ApiException(502, "upstream_unavailable", "The inference service is unreachable.", null);
    }
}
