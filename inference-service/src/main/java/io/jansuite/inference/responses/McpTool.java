package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;

/** An MCP server's tool as offered to the model in one response. */
record McpTool(String serverLabel, String name, String description, JsonNode inputSchema) {

    String modelName() {
        return ToolNames.forModel(serverLabel, name);
    }
}
