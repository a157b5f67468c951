package io.jansuite.conversation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Request bodies. Size limits that need more than an annotation live in the service's {@code Limits}. */
public final class Requests {

    private Requests() {
    }

    public record ConversationRequest(String title, Map<String, Object> metadata) {
    }

    public record BulkDeleteRequest(@NotNull @Size(max = 1000) List<@NotNull String> conversationIds) {
    }

    public record ItemRequest(String role, String content, String contentType) {
    }

    public record EditItemRequest(String content) {
    }

    public record RegenerateRequest(String model, @DecimalMin("0") @DecimalMax("2") Double temperature,
            @Min(1) Integer maxTokens) {
    }

    /** {@code expires_in} in seconds (at most ten years); no expiry when absent. */
    public record ShareRequest(@Positive @Max(315_360_000L) Long expiresIn, Boolean readOnly, Boolean allowFeedback) {
    }

    /** From the inference-service: messages to append; {@code content} may also be OpenAI content parts. */
    public record InternalAppendRequest(@NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull InternalMessage> messages,
            String model) {
    }

    /** {@code status} {@code incomplete} needs {@code incomplete_details.reason}; absent means completed. */
    public record InternalMessage(String role, JsonNode content, String contentType, String status,
            IncompleteDetails incompleteDetails) {
    }

    public record IncompleteDetails(String reason) {
    }
}
