package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Responses items in the chat-completions shapes every provider adapter speaks: messages, an assistant
 * message carrying the {@code tool_calls} of consecutive call items, and a {@code tool} message per output.
 * The developer role becomes system, which every provider accepts.
 */
final class ChatMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChatMessages() {
    }

    static ArrayNode of(String instructions, Iterable<JsonNode> items) {
        ArrayNode messages = NODES.arrayNode();
        if (instructions != null && !instructions.isBlank()) {
            messages.addObject().put("role", "system").put("content", instructions);
        }
        ObjectNode assistant = null;
        for (JsonNode item : items) {
            switch (item.path("type").asText()) {
                case "message" -> {
                    String role = item.path("role").asText();
                    ObjectNode message = messages.addObject().put("role", role.equals("developer") ? "system" : role);
                    message.set("content", content(item.path("content"), role.equals("assistant")));
                    assistant = role.equals("assistant") ? message : null;
                }
                case "function_call", "mcp_call" -> {
                    if (assistant == null) {
                        assistant = messages.addObject().put("role", "assistant");
                        assistant.putNull("content");
                    }
                    ArrayNode calls = assistant.has("tool_calls") ? (ArrayNode) assistant.get("tool_calls")
                            : assistant.putArray("tool_calls");
                    String callId = item.path("call_id").asText(item.path("id").asText());
                    String name = item.path("type").asText().equals("mcp_call")
                            ? ToolNames.forModel(item.path("server_label").asText(), item.path("name").asText())
                            : item.path("name").asText();
                    ObjectNode call = calls.addObject().put("id", callId).put("type", "function");
                    call.putObject("function").put("name", name).put("arguments", item.path("arguments").asText("{}"));
                    if (item.path("type").asText().equals("mcp_call")) {
                        // The result of a call the suite ran sits right after it, as the model saw it then.
                        messages.addObject().put("role", "tool").put("tool_call_id", callId)
                                .put("content", McpResult.forModel(item));
                        assistant = null;
                    }
                }
                case "function_call_output" -> {
                    messages.addObject().put("role", "tool").put("tool_call_id", item.path("call_id").asText())
                            .put("content", item.path("output").asText());
                    assistant = null;
                }
                default -> {
                    // reasoning and tool listings carry nothing a chat model reads
                }
            }
        }
        return messages;
    }

    /** A string when the content is only text (every provider takes it), else chat content parts. */
    private static JsonNode content(JsonNode parts, boolean assistant) {
        boolean onlyText = true;
        for (JsonNode part : parts) {
            onlyText &= !part.path("type").asText().equals("input_image");
        }
        if (onlyText || assistant) {
            return NODES.textNode(text(parts));
        }
        ArrayNode out = NODES.arrayNode();
        for (JsonNode part : parts) {
            if (part.path("type").asText().equals("input_image")) {
                out.addObject().put("type", "image_url").putObject("image_url")
                        .put("url", part.path("image_url").asText()).put("detail", part.path("detail").asText("auto"));
            } else {
                out.addObject().put("type", "text").put("text", part.path("text").asText(part.path("refusal").asText()));
            }
        }
        return out;
    }

    /** The text of a string or of a list of content parts. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            out.append(part.path("text").asText(part.path("refusal").asText("")));
        }
        return out.toString();
    }

    /** A Responses function tool ({@code {type, name, description, parameters, strict}}) as a chat tool. */
    static ObjectNode functionTool(String name, JsonNode description, JsonNode parameters, JsonNode strict) {
        ObjectNode tool = NODES.objectNode().put("type", "function");
        ObjectNode function = tool.putObject("function").put("name", name);
        if (description != null && description.isTextual()) {
            function.set("description", description);
        }
        function.set("parameters", parameters != null && parameters.isObject() ? parameters
                : NODES.objectNode().put("type", "object").set("properties", NODES.objectNode()));
        if (strict != null && strict.isBoolean()) {
            function.set("strict", strict);
        }
        return tool;
    }
}
