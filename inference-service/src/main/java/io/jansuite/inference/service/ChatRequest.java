package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.neighbour.ConversationMessage;
import io.jansuite.inference.provider.MessageContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A validated OpenAI chat request. The body is kept as JSON so that every field the suite does not know
 * (tools, response_format, seed, ...) reaches the upstream unchanged; only {@code conversation} is ours.
 */
public final class ChatRequest {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private final ObjectNode body;
    private final String model;
    private final boolean stream;
    private final boolean includeUsage;
    private final String conversationId;

    private ChatRequest(ObjectNode body, String model, boolean stream, boolean includeUsage, String conversationId) {
        this.body = body;
        this.model = model;
        this.stream = stream;
        this.includeUsage = includeUsage;
        this.conversationId = conversationId;
    }

    public static ChatRequest parse(ObjectNode body) {
        if (body == null) {
            throw invalid("The request body must be a JSON object.", null);
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw invalid("model is required.", "model");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw invalid("messages is required and must be a non-empty array.", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode role = messages.get(i).get("role");
            if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
                throw invalid("messages[" + i + "].role must be one of " + ROLES + ".", "messages[" + i + "].role");
            }
        }
        number(body, "temperature", 0, 2, false);
        number(body, "top_p", 0, 1, false);
        number(body, "max_tokens", 1, Integer.MAX_VALUE, true);
        number(body, "max_completion_tokens", 1, Integer.MAX_VALUE, true);
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && !(n.canConvertToInt() && n.asInt() == 1)) {
            throw invalid("n must be 1: one choice per request is supported.", "n");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw invalid("stream must be a boolean.", "stream");
        }
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        return new ChatRequest(body, model.asText(), stream != null && stream.asBoolean(), includeUsage,
                conversationId(body.get("conversation")));
    }

    private static String conversationId(JsonNode conversation) {
        if (conversation == null || conversation.isNull()) {
            return null;
        }
        JsonNode id = conversation.isObject() ? conversation.get("id") : conversation;
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw invalid("conversation must be a conversation id or {\"id\": ...}.", "conversation");
        }
        return id.asText();
    }

    private static void number(ObjectNode body, String field, double min, double max, boolean integer) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        boolean ok = value.isNumber() && (!integer || value.canConvertToLong() && value.isIntegralNumber())
                && value.asDouble() >= min && value.asDouble() <= max;
        if (!ok) {
            String range = integer ? "an integer of at least " + (long) min : "a number from " + min + " to " + max;
            throw invalid(field + " must be " + range + ".", field);
        }
    }

    private static ApiException invalid(String message, String param) {
        return ApiException.badRequest("invalid_value", message, param);
    }

    public String model() {
        return model;
    }

    public boolean stream() {
        return stream;
    }

    public boolean includeUsage() {
        return includeUsage;
    }

    public String conversationId() {
        return conversationId;
    }

    /**
     * The request for the upstream: {@code conversation} removed, the conversation's history placed after
     * the request's leading system messages and before the rest.
     */
    public ObjectNode upstreamRequest(List<ConversationMessage> history) {
        ObjectNode out = body.deepCopy();
        out.remove("conversation");
        if (history.isEmpty()) {
            return out;
        }
        ArrayNode merged = out.arrayNode();
        JsonNode messages = body.get("messages");
        int i = 0;
        while (i < messages.size() && isSystem(messages.get(i))) {
            merged.add(messages.get(i++));
        }
        for (ConversationMessage m : history) {
            merged.addObject().put("role", m.role()).put("content", m.content());
        }
        while (i < messages.size()) {
            merged.add(messages.get(i++));
        }
        out.set("messages", merged);
        return out;
    }

    /** The user's messages of this request, to store in the conversation. */
    public List<ConversationMessage> userMessages() {
        List<ConversationMessage> out = new ArrayList<>();
        for (JsonNode m : body.get("messages")) {
            if (m.path("role").asText().equals("user")) {
                out.add(new ConversationMessage("user", MessageContent.text(m.get("content"))));
            }
        }
        return out;
    }

    private static boolean isSystem(JsonNode m) {
        String role = m.path("role").asText();
        return role.equals("system") || role.equals("developer");
    }

}
