package io.jansuite.inference.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shapes of the embeddings and Anthropic messages endpoints, for the API reference only (never (de)serialized). */
final class GatewayDocs {

    private GatewayDocs() {
    }

    @Schema(description = "An OpenAI embeddings request", requiredProperties = {"model", "input"})
    record EmbeddingsRequest(
            @Schema(examples = "text-embedding-3-small") String model,
            @Schema(description = "A string, a list of strings, a token array or a list of token arrays (at most 2048)",
                    oneOf = {String.class, String[].class, Integer[].class, Integer[][].class}) Object input,
            @JsonProperty("encoding_format") @Schema(enumeration = {"float", "base64"}) String encodingFormat,
            @Schema(minimum = "1") Integer dimensions,
            String user) {
    }

    record EmbeddingList(@Schema(enumeration = "list") String object, List<Embedding> data,
            @Schema(description = "The model the request named") String model, EmbeddingUsage usage) {
    }

    record Embedding(@Schema(enumeration = "embedding") String object, int index,
            @Schema(description = "Floats, or with encoding_format=base64 little-endian float32 in base64",
                    oneOf = {Float[].class, String.class}) Object embedding) {
    }

    record EmbeddingUsage(@JsonProperty("prompt_tokens") int promptTokens, @JsonProperty("total_tokens") int totalTokens) {
    }

    @Schema(description = "An Anthropic Messages request", additionalProperties = Schema.True.class,
            requiredProperties = {"model", "messages", "max_tokens"})
    record MessagesRequest(
            @Schema(description = "Any model id from GET /v1/models", examples = "claude-3-5-sonnet-20241022") String model,
            @Schema(description = "A string or a list of {type: text, text} blocks", oneOf = {String.class, Object[].class})
            Object system,
            @Schema(minItems = 1) List<Map<String, Object>> messages,
            @JsonProperty("max_tokens") @Schema(minimum = "1") int maxTokens,
            @Schema(description = "Tools: {name, description, input_schema}") List<Map<String, Object>> tools,
            @JsonProperty("tool_choice") Map<String, Object> toolChoice,
            @Schema(description = "true: the answer is Anthropic's event stream") Boolean stream,
            Double temperature,
            @JsonProperty("stop_sequences") List<String> stopSequences) {
    }

    record Message(String id, @Schema(enumeration = "message") String type, @Schema(enumeration = "assistant") String role,
            String model, @Schema(description = "text and tool_use blocks") List<Map<String, Object>> content,
            @JsonProperty("stop_reason") @Schema(enumeration = {"end_turn", "max_tokens", "stop_sequence", "tool_use"})
            String stopReason,
            @JsonProperty("stop_sequence") @Schema(nullable = true) String stopSequence, MessageUsage usage) {
    }

    record MessageUsage(@JsonProperty("input_tokens") int inputTokens, @JsonProperty("output_tokens") int outputTokens) {
    }

    record TokenCount(@JsonProperty("input_tokens") int inputTokens) {
    }
}
