package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.http.Ids;
import java.util.Set;

/**
 * Input items in their stored form, as {@code GET /v1/responses/{id}/input_items} lists them: a string input
 * is one user message; message content is always a list of parts ({@code input_text}, {@code input_image},
 * {@code output_text} for the assistant's); every item has an id. Output items of an earlier response
 * ({@code message}, {@code function_call}, {@code mcp_call}, ...) are accepted as input, as OpenAI's are.
 */
final class InputItems {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ROLES = Set.of("user", "system", "developer", "assistant");
    private static final Set<String> IGNORED = Set.of("reasoning", "mcp_list_tools");

    private InputItems() {
    }

    static ArrayNode normalise(JsonNode input) {
        ArrayNode out = NODES.arrayNode();
        if (input.isTextual()) {
            out.add(message("user", NODES.arrayNode().add(part("input_text", input.asText()))));
            return out;
        }
        if (!input.isArray()) {
            throw ResponseRequest.invalid("input must be a string or a list of input items.", "input");
        }
        for (int i = 0; i < input.size(); i++) {
            out.add(item(input.get(i), "input[" + i + "]"));
        }
        return out;
    }

    private static ObjectNode item(JsonNode item, String param) {
        if (!item.isObject()) {
            throw ResponseRequest.invalid(param + " must be an object.", param);
        }
        String type = item.path("type").asText(item.has("role") ? "message" : "");
        ObjectNode out = switch (type) {
            case "message" -> messageItem(item, param);
            case "function_call" -> {
                requireText(item, "call_id", param);
                requireText(item, "name", param);
                ObjectNode call = NODES.objectNode().put("type", "function_call").put("id", id(item, "fc"))
                        .put("call_id", item.get("call_id").asText()).put("name", item.get("name").asText())
                        .put("arguments", item.path("arguments").asText("{}"));
                yield call.put("status", "completed");
            }
            case "function_call_output" -> {
                requireText(item, "call_id", param);
                JsonNode output = item.get("output");
                if (output == null || !(output.isTextual() || output.isArray())) {
                    throw ResponseRequest.invalid(param + ".output must be a string or a list of content parts.",
                            param + ".output");
                }
                yield NODES.objectNode().put("type", "function_call_output").put("id", id(item, "fco"))
                        .put("call_id", item.get("call_id").asText()).put("output", ChatMessages.text(output))
                        .put("status", "completed");
            }
            case "mcp_call" -> {
                requireText(item, "name", param);
                ObjectNode call = ((ObjectNode) item).deepCopy();
                call.put("id", id(item, "mcp"));
                yield call;
            }
            default -> {
                if (IGNORED.contains(type)) {
                    ObjectNode kept = ((ObjectNode) item).deepCopy();
                    kept.put("id", id(item, type.equals("reasoning") ? "rs" : "mcpl"));
                    yield kept;
                }
                throw ResponseRequest.invalid(param + ".type " + (type.isEmpty() ? "is required" : "'" + type
                        + "' is not supported") + ".", param + ".type");
            }
        };
        return out;
    }

    private static ObjectNode messageItem(JsonNode item, String param) {
        String role = item.path("role").asText("");
        if (!ROLES.contains(role)) {
            throw ResponseRequest.invalid(param + ".role must be one of " + ROLES + ".", param + ".role");
        }
        JsonNode content = item.get("content");
        ArrayNode parts = NODES.arrayNode();
        String textType = role.equals("assistant") ? "output_text" : "input_text";
        if (content != null && content.isTextual()) {
            parts.add(part(textType, content.asText()));
        } else if (content != null && content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                parts.add(contentPart(content.get(j), param + ".content[" + j + "]", textType));
            }
        } else {
            throw ResponseRequest.invalid(param + ".content must be a string or a list of content parts.",
                    param + ".content");
        }
        ObjectNode out = message(role, parts);
        out.put("id", id(item, "msg"));
        return out;
    }

    private static ObjectNode contentPart(JsonNode part, String param, String textType) {
        String type = part.path("type").asText("");
        switch (type) {
            case "input_text", "output_text", "text" -> {
                requireText(part, "text", param);
                return part(type.equals("text") ? textType : type, part.get("text").asText());
            }
            case "input_image" -> {
                requireText(part, "image_url", param);
                return NODES.objectNode().put("type", "input_image").put("image_url", part.get("image_url").asText())
                        .put("detail", part.path("detail").asText("auto"));
            }
            case "refusal" -> {
                return NODES.objectNode().put("type", "refusal").put("refusal", part.path("refusal").asText(""));
            }
            default -> throw ResponseRequest.invalid(param + ".type must be input_text, output_text or input_image.",
                    param + ".type");
        }
    }

    static ObjectNode message(String role, ArrayNode parts) {
        ObjectNode out = NODES.objectNode().put("type", "message").put("id", Ids.next("msg")).put("role", role);
        out.set("content", parts);
        if (!role.equals("assistant")) {
            out.put("status", "completed");
        }
        return out;
    }

    static ObjectNode part(String type, String text) {
        ObjectNode part = NODES.objectNode().put("type", type).put("text", text);
        if (type.equals("output_text")) {
            part.putArray("annotations");
            part.putArray("logprobs");
        }
        return part;
    }

    private static String id(JsonNode item, String prefix) {
        JsonNode id = item.get("id");
        return id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : Ids.next(prefix);
    }

    private static void requireText(JsonNode node, String field, String param) {
        if (!node.path(field).isTextual()) {
            throw ResponseRequest.invalid(param + "." + field + " is required.", param + "." + field);
        }
    }
}
