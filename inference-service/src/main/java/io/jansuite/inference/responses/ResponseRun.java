package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.Caller;
import java.util.List;

/**
 * One response being run: the request, who asked, the response object it fills, the items of earlier
 * responses it continues ({@code history}) and the MCP tools it may call.
 */
record ResponseRun(ResponseRequest request, Caller caller, String requestId, ObjectNode response, ArrayNode history,
        List<McpToolbox.Offered> offered) {

    /**
     * The MCP tool the model calls by this name; an unavailable one for any other name under an offered
     * server's prefix (a disabled tool is never called, nor handed to the client); null for a function tool.
     */
    McpTool mcpTool(String modelName) {
        for (McpToolbox.Offered server : offered) {
            for (McpTool tool : server.tools()) {
                if (tool.modelName().equals(modelName)) {
                    return tool;
                }
            }
        }
        for (McpToolbox.Offered server : offered) {
            String prefix = ToolNames.forModel(server.serverLabel(), "");
            if (modelName.startsWith(prefix) && modelName.length() > prefix.length()) {
                return McpTool.unavailable(server.serverLabel(), modelName.substring(prefix.length()));
            }
        }
        return null;
    }

    /** Everything the model reads, in order: earlier responses, this input, this response's output so far. */
    Iterable<JsonNode> items() {
        ArrayNode all = history.deepCopy();
        all.addAll(request.input());
        all.addAll((ArrayNode) response.get("output"));
        return all;
    }
}
