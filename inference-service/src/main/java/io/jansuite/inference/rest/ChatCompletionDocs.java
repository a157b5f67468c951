package io.jansuite.inference.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAI chat completion shapes, for the API reference only: the resource works on the JSON as it comes
 * (every field it does not know reaches the upstream unchanged), so none of these is ever (de)serialized.
 */
final class ChatCompletionDocs {

    private ChatCompletionDocs() {
    }

    @Schema(description = "An OpenAI chat completion request; other OpenAI fields (top_p, stop, seed, response_format, "
            + "user, ...) are passed to the upstream unchanged", additionalProperties = Schema.True.class,
            requiredProperties = {"model", "messages"})
    record ChatCompletionRequest(
            @Schema(description = "A model id from GET /v1/models", examples = "jan-v2-30b") String model,
            @Schema(minItems = 1) List<ChatRequestMessage> messages,
            @Schema(minimum = "0", maximum = "2") Double temperature,
            @JsonProperty("top_p") @Schema(minimum = "0", maximum = "1") Double topP,
            @JsonProperty("max_tokens") @Schema(minimum = "1") Integer maxTokens,
            @JsonProperty("max_completion_tokens") @Schema(minimum = "1") Integer maxCompletionTokens,
            @Schema(description = "Only 1 is supported", enumeration = "1") Integer n,
            @Schema(description = "true: the answer is a text/event-stream of chat.completion.chunk events") Boolean stream,
            @JsonProperty("stream_options") ChatStreamOptions streamOptions,
            List<ChatTool> tools,
            @JsonProperty("tool_choice") @Schema(description = "none, auto, required, or "
                    + "{\"type\": \"function\", \"function\": {\"name\": ...}}", oneOf = {String.class, ChatToolChoice.class})
            Object toolChoice,
            @Schema(description = "Suite extension: a conversation id (or {\"id\": ...}) whose messages are sent before "
                    + "these, and in which the new user and assistant messages are stored",
                    oneOf = {String.class, ChatConversationRef.class})
            Object conversation) {
    }

    @Schema(additionalProperties = Schema.True.class, requiredProperties = "role")
    record ChatRequestMessage(
            @Schema(enumeration = {"system", "developer", "user", "assistant", "tool", "function"}) String role,
            @Schema(description = "Text, or an array of content parts ({type: text, text} or {type: image_url, image_url})",
                    oneOf = {String.class, ChatContentPart[].class}, nullable = true) Object content,
            String name,
            @JsonProperty("tool_calls") List<ChatToolCall> toolCalls,
            @JsonProperty("tool_call_id") String toolCallId) {
    }

    @Schema(additionalProperties = Schema.True.class)
    record ChatContentPart(@Schema(examples = "text") String type, String text,
            @JsonProperty("image_url") Map<String, Object> imageUrl) {
    }

    record ChatStreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }

    @Schema(additionalProperties = Schema.True.class)
    record ChatTool(@Schema(enumeration = "function") String type, ChatFunction function) {
    }

    @Schema(additionalProperties = Schema.True.class)
    record ChatFunction(String name, String description,
            @Schema(description = "JSON Schema of the arguments", type = SchemaType.OBJECT) Map<String, Object> parameters) {
    }

    record ChatToolChoice(@Schema(enumeration = "function") String type, ChatToolChoiceFunction function) {
    }

    record ChatToolChoiceFunction(String name) {
    }

    record ChatConversationRef(String id) {
    }

    @Schema(additionalProperties = Schema.True.class)
    record ChatToolCall(String id, @Schema(enumeration = "function") String type, ChatToolCallFunction function) {
    }

    record ChatToolCallFunction(String name, @Schema(description = "The arguments, as a JSON string") String arguments) {
    }

    @Schema(description = "The chat.completion object (stream=false)", additionalProperties = Schema.True.class,
            requiredProperties = {"id", "object", "created", "model", "choices"})
    record ChatCompletion(String id, @Schema(enumeration = "chat.completion") String object,
            @Schema(description = "Unix seconds") long created, String model, List<ChatChoice> choices,
            ChatUsage usage) {
    }

    @Schema(additionalProperties = Schema.True.class, requiredProperties = {"index", "message"})
    record ChatChoice(int index, ChatResponseMessage message,
            @JsonProperty("finish_reason") @Schema(nullable = true, examples = "stop") String finishReason) {
    }

    @Schema(additionalProperties = Schema.True.class, requiredProperties = "role")
    record ChatResponseMessage(@Schema(enumeration = "assistant") String role,
            @Schema(nullable = true, description = "null when the model only calls tools") String content,
            @JsonProperty("tool_calls") List<ChatToolCall> toolCalls) {
    }

    @Schema(additionalProperties = Schema.True.class)
    record ChatUsage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {
    }
}
