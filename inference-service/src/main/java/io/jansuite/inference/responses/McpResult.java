package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;

/** What the model reads of a finished {@code mcp_call} item: its output, or the error it ended with. */
final class McpResult {

    private McpResult() {
    }

    static String forModel(JsonNode mcpCall) {
        JsonNode error = mcpCall.get("error");
        if (error != null && !error.isNull()) {
            return "Error: " + (error.isTextual() ? error.asText() : error.path("message").asText(error.toString()));
        }
        return mcpCall.path("output").asText("");
    }
}
