package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.error.ApiException;
import java.util.Iterator;
import java.util.Map;

/**
 * A validated {@code POST /v1/responses} body, OpenAI's fields: {@code input} normalised to a list of items
 * (see {@link InputItems}), the tools split into function tools (answered by the client) and MCP tools
 * (run by the suite). Anything invalid is a 400 naming the field, before any model is called.
 */
public record ResponseRequest(String model, ArrayNode input, String instructions, ArrayNode functionTools,
        ArrayNode mcpTools, JsonNode toolChoice, Double temperature, Double topP, Integer maxOutputTokens,
        ObjectNode metadata, boolean store, boolean stream, boolean background, String previousResponseId,
        boolean parallelToolCalls, JsonNode text, String user, String conversationId) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static ResponseRequest parse(ObjectNode body) {
        if (body == null) {
            throw invalid("The request body must be a JSON object.", null);
        }
        String model = text(body, "model", true);
        JsonNode input = body.get("input");
        if (input == null || input.isNull() || input.isTextual() && input.asText().isEmpty()
                || input.isArray() && input.isEmpty()) {
            throw invalid("input is required: a string or a non-empty list of input items.", "input");
        }
        ArrayNode items = InputItems.normalise(input);
        ArrayNode functions = NODES.arrayNode();
        ArrayNode mcp = NODES.arrayNode();
        tools(body.get("tools"), functions, mcp);
        JsonNode toolChoice = toolChoice(body.get("tool_choice"));
        Integer max = null;
        if (body.hasNonNull("max_output_tokens")) {
            JsonNode m = body.get("max_output_tokens");
            if (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 1) {
                throw invalid("max_output_tokens must be an integer of at least 1.", "max_output_tokens");
            }
            max = m.asInt();
        }
        boolean stream = flag(body, "stream", false);
        boolean background = flag(body, "background", false);
        boolean store = flag(body, "store", true);
        if (background && !store) {
            throw invalid("background responses must be stored: store cannot be false.", "store");
        }
        String previous = text(body, "previous_response_id", false);
        String conversation = conversation(body.get("conversation"));
        if (conversation != null && previous != null) {
            throw invalid("conversation and previous_response_id cannot both be given: each brings the turns before.",
                    "conversation");
        }
        return new ResponseRequest(model, items, text(body, "instructions", false), functions, mcp, toolChoice,
                number(body, "temperature", 0, 2), number(body, "top_p", 0, 1), max, metadata(body.get("metadata")),
                store, stream, background, previous,
                flag(body, "parallel_tool_calls", true), textFormat(body.get("text")), text(body, "user", false),
                conversation);
    }

    /** The Jan extra (and OpenAI's form): a conversation id, or {@code {id}}; null when absent. */
    private static String conversation(JsonNode conversation) {
        if (conversation == null || conversation.isNull()) {
            return null;
        }
        JsonNode id = conversation.isObject() ? conversation.get("id") : conversation;
        if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > 100) {
            throw invalid("conversation must be a conversation id or {\"id\": ...}.", "conversation");
        }
        return id.asText();
    }

    private static void tools(JsonNode tools, ArrayNode functions, ArrayNode mcp) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw invalid("tools must be a list.", "tools");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String param = "tools[" + i + "]";
            String type = tool.path("type").asText("");
            switch (type) {
                case "function" -> {
                    if (!tool.path("name").isTextual() || !tool.path("name").asText().matches("[A-Za-z0-9_-]{1,64}")) {
                        throw invalid(param + ".name must be 1 to 64 letters, digits, _ or -.", param + ".name");
                    }
                    functions.add(tool);
                }
                case "mcp" -> {
                    if (!tool.path("server_label").isTextual() || tool.path("server_label").asText().isBlank()) {
                        throw invalid(param + ".server_label is required: the name of a registered MCP server.",
                                param + ".server_label");
                    }
                    if (tool.hasNonNull("server_url") || tool.hasNonNull("connector_id")) {
                        throw invalid(param + ": only MCP servers registered by an administrator can be used; "
                                + "name one by server_label.", param + ".server_url");
                    }
                    JsonNode approval = tool.get("require_approval");
                    if (approval != null && !approval.isNull() && !"never".equals(approval.asText())) {
                        throw invalid(param + ".require_approval must be \"never\": approvals are not supported.",
                                param + ".require_approval");
                    }
                    JsonNode allowed = tool.get("allowed_tools");
                    if (allowed != null && !allowed.isNull() && !allowed.isArray()
                            && !allowed.path("tool_names").isArray()) {
                        throw invalid(param + ".allowed_tools must be a list of tool names.", param + ".allowed_tools");
                    }
                    mcp.add(tool);
                }
                default -> throw invalid(param + ".type " + (type.isEmpty() ? "is required" : "'" + type
                        + "' is not supported") + ": use \"function\" or \"mcp\".", param + ".type");
            }
        }
    }

    private static JsonNode toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return NODES.textNode("auto");
        }
        if (choice.isTextual() && (choice.asText().equals("auto") || choice.asText().equals("none")
                || choice.asText().equals("required"))) {
            return choice;
        }
        if (choice.isObject() && choice.path("type").asText().equals("function") && choice.path("name").isTextual()) {
            return choice;
        }
        throw invalid("tool_choice must be \"auto\", \"none\", \"required\" or {\"type\": \"function\", \"name\": ...}.",
                "tool_choice");
    }

    private static JsonNode textFormat(JsonNode text) {
        if (text == null || text.isNull()) {
            ObjectNode out = NODES.objectNode();
            out.putObject("format").put("type", "text");
            return out;
        }
        String type = text.path("format").path("type").asText("text");
        if (!type.equals("text") && !type.equals("json_object") && !type.equals("json_schema")) {
            throw invalid("text.format.type must be text, json_object or json_schema.", "text.format.type");
        }
        if (type.equals("json_schema") && !text.path("format").path("schema").isObject()) {
            throw invalid("text.format.schema is required for json_schema.", "text.format.schema");
        }
        return text;
    }

    private static ObjectNode metadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return NODES.objectNode();
        }
        if (!metadata.isObject() || metadata.size() > 16) {
            throw invalid("metadata must be an object of at most 16 string values.", "metadata");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().length() > 64 || !e.getValue().isTextual() || e.getValue().asText().length() > 512) {
                throw invalid("metadata keys are at most 64 characters and values strings of at most 512.",
                        "metadata." + e.getKey());
            }
        }
        return (ObjectNode) metadata;
    }

    private static String text(ObjectNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(field + " is required.", field);
            }
            return null;
        }
        if (!value.isTextual() || required && value.asText().isBlank()) {
            throw invalid(field + " must be a string.", field);
        }
        return value.asText();
    }

    private static boolean flag(ObjectNode body, String field, boolean fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(field + " must be a boolean.", field);
        }
        return value.asBoolean();
    }

    private static Double number(ObjectNode body, String field, double min, double max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw invalid(field + " must be a number from " + min + " to " + max + ".", field);
        }
        return value.asDouble();
    }

    static ApiException invalid(String message, String param) {
        return ApiException.badRequest("invalid_value", message, param);
    }
}
