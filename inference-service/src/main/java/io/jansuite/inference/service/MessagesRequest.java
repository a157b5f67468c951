package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.error.ApiException;
import java.util.Set;

/**
 * An Anthropic Messages request, validated and turned into the OpenAI chat request every provider of the
 * suite is spoken to in (the reverse of the Anthropic upstream's translation): {@code system} to a system
 * message, text and image blocks to content parts, {@code tool_use} blocks to {@code tool_calls},
 * {@code tool_result} blocks to {@code tool} messages, tools and {@code tool_choice}, stop sequences.
 */
public record MessagesRequest(String model, boolean stream, ObjectNode chat) {

    private static final Set<String> IGNORED_BLOCKS = Set.of("thinking", "redacted_thinking");

    /** {@code counting}: for count_tokens, where max_tokens is not asked for. */
    public static MessagesRequest parse(ObjectNode body, ObjectMapper json, boolean counting) {
        if (body == null) {
            throw invalid("The request body must be a JSON object.", null);
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw invalid("model is required.", "model");
        }
        JsonNode maxTokens = body.get("max_tokens");
        boolean maxOk = maxTokens != null && maxTokens.isIntegralNumber() && maxTokens.canConvertToInt() && maxTokens.asInt() >= 1;
        if (!counting && !maxOk) {
            throw invalid("max_tokens is required: an integer of at least 1.", "max_tokens");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw invalid("messages is required and must be a non-empty array.", "messages");
        }
        ObjectNode chat = json.createObjectNode().put("model", model.asText());
        ArrayNode out = chat.putArray("messages");
        String system = text(body.get("system"), "system");
        if (!system.isEmpty()) {
            out.addObject().put("role", "system").put("content", system);
        }
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), "messages[" + i + "]", out);
        }
        if (maxOk) {
            chat.put("max_tokens", maxTokens.asInt());
        }
        number(body, "temperature", 0, 1, chat, "temperature");
        number(body, "top_p", 0, 1, chat, "top_p");
        JsonNode stops = body.get("stop_sequences");
        if (stops != null && stops.isArray() && !stops.isEmpty()) {
            chat.set("stop", stops);
        }
        tools(body, chat);
        JsonNode user = body.path("metadata").get("user_id");
        if (user != null && user.isTextual()) {
            chat.put("user", user.asText());
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw invalid("stream must be a boolean.", "stream");
        }
        boolean streamed = stream != null && stream.asBoolean();
        if (streamed) {
            chat.put("stream", true);
        }
        return new MessagesRequest(model.asText(), streamed, chat);
    }

    private static void message(JsonNode m, String param, ArrayNode out) {
        String role = m.path("role").asText();
        if (!role.equals("user") && !role.equals("assistant")) {
            throw invalid(param + ".role must be user or assistant.", param + ".role");
        }
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
            out.addObject().put("role", role).put("content", content.asText());
            return;
        }
        if (content == null || !content.isArray()) {
            throw invalid(param + ".content must be a string or a list of content blocks.", param + ".content");
        }
        ArrayNode parts = out.arrayNode();
        ArrayNode toolCalls = out.arrayNode();
        StringBuilder assistantText = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String where = param + ".content[" + j + "]";
            String type = block.path("type").asText();
            switch (type) {
                case "text" -> {
                    if (role.equals("assistant")) {
                        assistantText.append(block.path("text").asText());
                    } else {
                        parts.addObject().put("type", "text").put("text", block.path("text").asText());
                    }
                }
                case "image" -> parts.addObject().put("type", "image_url").putObject("image_url")
                        .put("url", imageUrl(block.path("source"), where));
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject().put("id", block.path("id").asText()).put("type", "function");
                    call.putObject("function").put("name", block.path("name").asText())
                            .put("arguments", block.path("input").isObject() ? block.get("input").toString() : "{}");
                }
                case "tool_result" -> {
                    // OpenAI wants tool answers right after the assistant's calls, before the user's own words.
                    String result = text(block.get("content"), where + ".content");
                    out.addObject().put("role", "tool").put("tool_call_id", block.path("tool_use_id").asText())
                            .put("content", block.path("is_error").asBoolean(false) ? "Error: " + result : result);
                }
                default -> {
                    if (!IGNORED_BLOCKS.contains(type)) {
                        throw invalid(where + ".type " + type + " is not supported: use text, image, tool_use or tool_result.",
                                where + ".type");
                    }
                }
            }
        }
        if (role.equals("assistant")) {
            ObjectNode msg = out.addObject().put("role", "assistant");
            if (assistantText.length() > 0 || toolCalls.isEmpty()) {
                msg.put("content", assistantText.toString());
            } else {
                msg.putNull("content");
            }
            if (!toolCalls.isEmpty()) {
                msg.set("tool_calls", toolCalls);
            }
        } else if (!parts.isEmpty()) {
            out.addObject().put("role", "user").set("content", parts);
        }
    }

    private static String imageUrl(JsonNode source, String where) {
        String type = source.path("type").asText();
        if (type.equals("base64")) {
            return "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText();
        }
        if (type.equals("url")) {
            return source.path("url").asText();
        }
        throw invalid(where + ".source must be of type base64 or url.", where + ".source");
    }

    private static void tools(JsonNode body, ObjectNode chat) {
        JsonNode tools = body.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode out = chat.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            if (!t.path("name").isTextual()) {
                throw invalid("tools[" + i + "].name is required.", "tools[" + i + "].name");
            }
            ObjectNode f = out.addObject().put("type", "function").putObject("function").put("name", t.get("name").asText());
            if (t.path("description").isTextual()) {
                f.put("description", t.get("description").asText());
            }
            f.set("parameters", t.path("input_schema").isObject() ? t.get("input_schema")
                    : chat.objectNode().put("type", "object"));
        }
        JsonNode choice = body.get("tool_choice");
        if (choice != null && choice.isObject()) {
            switch (choice.path("type").asText()) {
                case "any" -> chat.put("tool_choice", "required");
                case "none" -> chat.put("tool_choice", "none");
                case "tool" -> chat.putObject("tool_choice").put("type", "function").putObject("function")
                        .put("name", choice.path("name").asText());
                default -> chat.put("tool_choice", "auto");
            }
            if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
                chat.put("parallel_tool_calls", false);
            }
        }
    }

    /** A string, or the text of a list of text blocks. */
    private static String text(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw invalid(param + " must be a string or a list of text blocks.", param);
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")) {
                out.append(out.length() > 0 ? "\n\n" : "").append(block.path("text").asText());
            }
        }
        return out.toString();
    }

    private static void number(JsonNode body, String field, double min, double max, ObjectNode chat, String to) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw invalid(field + " must be a number from " + min + " to " + max + ".", field);
        }
        chat.set(to, value);
    }

    private static ApiException invalid(String message, String param) {
        return ApiException.badRequest("invalid_value", message, param);
    }
}
