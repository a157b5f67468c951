package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The MCP servers a response may use and the calls to their tools. */
@ApplicationScoped
class McpToolbox {

    /** A registered server named by a response's {@code mcp} tool, with the tools offered from it. */
    record Offered(String serverLabel, List<McpTool> tools) {
    }

    /** What a tool call returned: its output text, or the error the model is told. */
    record Result(String output, String error) {
    }

    Uni<List<Offered>> offer(ArrayNode mcpTools) {
        if (mcpTools.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        JsonNode first = mcpTools.get(0);
        return Uni.createFrom().failure(new io.jansuite.common.error.ApiException(400, "mcp_server_not_found",
                "No MCP server " + first.path("server_label").asText() + " is registered.", "tools"));
    }

    Uni<Result> call(ResponseRun run, McpTool tool, String arguments) {
        return Uni.createFrom().item(new Result(null, "Tool " + tool.name() + " is not available."));
    }
}
