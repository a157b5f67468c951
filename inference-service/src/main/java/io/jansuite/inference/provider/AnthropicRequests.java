package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat request → Anthropic Messages request: system messages to {@code system}, assistant tool_calls
 * to tool_use blocks, tool messages to tool_result blocks, image parts to image blocks, tools and tool_choice.
 */
final class AnthropicRequests {

    static final int DEFAULT_MAX_TOKENS = 4096;

    private final ObjectMapper json;

    AnthropicRequests(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode translate(ObjectNode request, String upstreamModel, boolean stream) {
        ObjectNode out = json.createObjectNode();
        out.put("model", upstreamModel);
        JsonNode maxTokens = request.hasNonNull("max_completion_tokens") ? request.get("max_completion_tokens")
                : request.get("max_tokens");
        out.put("max_tokens", maxTokens != null && maxTokens.canConvertToInt() ? maxTokens.asInt() : DEFAULT_MAX_TOKENS);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = out.putArray("messages");
        for (JsonNode m : request.path("messages")) {
            String role = m.path("role").asText();
            switch (role) {
                case "system", "developer" -> {
                    if (system.length() > 0) {
                        system.append("\n\n");
                    }
                    system.append(MessageContent.text(m.get("content")));
                }
                case "tool", "function" -> append(messages, "user", toolResult(m));
                case "assistant" -> append(messages, "assistant", assistantBlocks(m));
                default -> append(messages, "user", blocks(m.get("content")));
            }
        }
        if (system.length() > 0) {
            out.put("system", system.toString());
        }
        copy(request, out, "top_p", "top_k");
        if (request.hasNonNull("temperature")) {
            // OpenAI's scale goes to 2, Anthropic's to 1.
            out.put("temperature", Math.min(1.0, request.get("temperature").asDouble()));
        }
        JsonNode stop = request.get("stop");
        if (stop != null && stop.isTextual()) {
            out.putArray("stop_sequences").add(stop.asText());
        } else if (stop != null && stop.isArray()) {
            out.set("stop_sequences", stop);
        }
        if (request.path("tools").isArray() && !request.path("tools").isEmpty()) {
            ArrayNode tools = out.putArray("tools");
            for (JsonNode t : request.get("tools")) {
                JsonNode f = t.path("function");
                ObjectNode tool = tools.addObject().put("name", f.path("name").asText());
                if (f.hasNonNull("description")) {
                    tool.put("description", f.get("description").asText());
                }
                tool.set("input_schema", f.hasNonNull("parameters") ? f.get("parameters")
                        : json.createObjectNode().put("type", "object"));
            }
            toolChoice(request.get("tool_choice"), out);
        }
        if (request.hasNonNull("user")) {
            out.putObject("metadata").put("user_id", request.get("user").asText());
        }
        if (stream) {
            out.put("stream", true);
        }
        return out;
    }

    private void toolChoice(JsonNode choice, ObjectNode out) {
        if (choice == null || choice.isNull()) {
            return;
        }
        if (choice.isTextual()) {
            switch (choice.asText()) {
                case "required" -> out.putObject("tool_choice").put("type", "any");
                case "none" -> out.putObject("tool_choice").put("type", "none");
                default -> out.putObject("tool_choice").put("type", "auto");
            }
        } else if (choice.path("function").hasNonNull("name")) {
            out.putObject("tool_choice").put("type", "tool").put("name", choice.path("function").path("name").asText());
        }
    }

    /** Anthropic wants strictly alternating roles: consecutive messages of one role are merged. */
    private void append(ArrayNode messages, String role, ArrayNode content) {
        if (!messages.isEmpty()) {
            ObjectNode last = (ObjectNode) messages.get(messages.size() - 1);
            if (last.path("role").asText().equals(role)) {
                ((ArrayNode) last.get("content")).addAll(content);
                return;
            }
        }
        messages.addObject().put("role", role).set("content", content);
    }

    private ArrayNode assistantBlocks(JsonNode m) {
        ArrayNode blocks = json.createArrayNode();
        String text = MessageContent.text(m.get("content"));
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : m.path("tool_calls")) {
            ObjectNode use = blocks.addObject().put("type", "tool_use").put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText());
            use.set("input", parseArguments(call.path("function").path("arguments").asText("{}")));
        }
        if (blocks.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", "");
        }
        return blocks;
    }

    private ArrayNode toolResult(JsonNode m) {
        ArrayNode blocks = json.createArrayNode();
        blocks.addObject().put("type", "tool_result").put("tool_use_id", m.path("tool_call_id").asText())
                .put("content", MessageContent.text(m.get("content")));
        return blocks;
    }

    private ArrayNode blocks(JsonNode content) {
        ArrayNode blocks = json.createArrayNode();
        if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asText();
                if (type.equals("text")) {
                    blocks.addObject().put("type", "text").put("text", part.path("text").asText());
                } else if (type.equals("image_url")) {
                    blocks.add(image(part.path("image_url").path("url").asText()));
                }
            }
        } else {
            blocks.addObject().put("type", "text").put("text", MessageContent.text(content));
        }
        return blocks;
    }

    private ObjectNode image(String url) {
        ObjectNode block = json.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.startsWith("data:") && url.contains(";base64,")) {
            source.put("type", "base64").put("media_type", url.substring(5, url.indexOf(';')))
                    .put("data", url.substring(url.indexOf(";base64,") + 8));
        } else {
            source.put("type", "url").put("url", url);
        }
        return block;
    }

    private JsonNode parseArguments(String arguments) {
        try {
            JsonNode parsed = json.readTree(arguments.isBlank() ? "{}" : arguments);
            return parsed.isObject() ? parsed : json.createObjectNode();
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private static void copy(ObjectNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.hasNonNull(f)) {
                to.set(f, from.get(f));
            }
        }
    }
}
