package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An MCP server's tool as one response sees it: how the model knows it, where to call it, and what its
 * content filter refuses. {@code available} false: a name of that server the response may not call
 * (disabled, not synced, or not in {@code allowed_tools}); such a call is refused, never made.
 */
record McpTool(String serverLabel, String name, String description, JsonNode inputSchema, String url,
        Map<String, String> headers, List<String> disallowedKeywords, List<String> disallowedPatterns,
        boolean available) {

    String modelName() {
        return ToolNames.forModel(serverLabel, name);
    }

    static McpTool unavailable(String serverLabel, String name) {
        return new McpTool(serverLabel, name, "", null, null, Map.of(), List.of(), List.of(), false);
    }
}
