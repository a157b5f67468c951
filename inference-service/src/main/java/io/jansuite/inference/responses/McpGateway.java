package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code POST /v1/mcp}: the MCP toolbox spoken as an MCP server (JSON-RPC 2.0 over streamable HTTP, one JSON
 * answer per request, no session, no server-initiated stream). It offers the caller what a response could
 * use: the built-in tools and the enabled tools of every registered server, named {@code <server>__<tool>},
 * under the same switches, settings, content filters, timeouts and size caps; a call runs exactly as a
 * response's {@code mcp_call} does.
 */
@ApplicationScoped
public class McpGateway {

    /** Newest first; an {@code initialize} asking for another gets the newest. */
    static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INVALID_REQUEST = -32600;

    @Inject
    McpToolbox toolbox;

    @Inject
    ObjectMapper json;

    /** The answer to one JSON-RPC message; null for a notification or a response (answered 202, no body). */
    public Uni<ObjectNode> handle(JsonNode message, Caller caller) {
        if (message == null || !message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())) {
            return Uni.createFrom().item(error(null, INVALID_REQUEST, "Not a JSON-RPC 2.0 message."));
        }
        JsonNode id = message.get("id");
        if (id == null || id.isNull() || !message.hasNonNull("method")) {
            return Uni.createFrom().nullItem(); // notifications/initialized and the like; responses to us
        }
        JsonNode params = message.path("params");
        return switch (message.path("method").asText()) {
            case "initialize" -> Uni.createFrom().item(result(id, initialize(params)));
            case "ping" -> Uni.createFrom().item(result(id, json.createObjectNode()));
            case "tools/list" -> toolbox.offerAll(caller).map(servers -> result(id, list(servers)));
            case "tools/call" -> call(id, params, caller);
            default -> Uni.createFrom().item(error(id, METHOD_NOT_FOUND, "Method not found: "
                    + message.path("method").asText() + "."));
        };
    }

    private ObjectNode initialize(JsonNode params) {
        String asked = params.path("protocolVersion").asText("");
        ObjectNode out = json.createObjectNode()
                .put("protocolVersion", PROTOCOL_VERSIONS.contains(asked) ? asked : PROTOCOL_VERSIONS.get(0));
        out.putObject("capabilities").putObject("tools").put("listChanged", false);
        out.putObject("serverInfo").put("name", "jan-suite-mcp-gateway").put("version", "1.0.0");
        out.put("instructions", "The tools of the Jan Suite: built-in ones (jan__...) and those of the MCP servers"
                + " an administrator registered (<server>__<tool>).");
        return out;
    }

    private ObjectNode list(List<McpToolbox.Offered> servers) {
        ObjectNode out = json.createObjectNode();
        ArrayNode tools = out.putArray("tools");
        for (McpToolbox.Offered server : servers) {
            for (McpTool t : server.tools()) {
                ObjectNode tool = tools.addObject().put("name", t.modelName()).put("title", server.serverLabel() + ": "
                        + t.name()).put("description", t.description() == null ? "" : t.description());
                tool.set("inputSchema", t.inputSchema() != null && t.inputSchema().isObject() ? t.inputSchema()
                        : json.createObjectNode().put("type", "object"));
            }
        }
        return out;
    }

    private Uni<ObjectNode> call(JsonNode id, JsonNode params, Caller caller) {
        String name = params.path("name").asText("");
        JsonNode arguments = params.get("arguments");
        if (name.isEmpty() || arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return Uni.createFrom().item(error(id, INVALID_PARAMS, "tools/call needs a name and an arguments object."));
        }
        return toolbox.offerAll(caller).chain(servers -> {
            McpTool tool = servers.stream().flatMap(s -> s.tools().stream()).filter(t -> t.modelName().equals(name))
                    .findFirst().orElse(null);
            if (tool == null) {
                return Uni.createFrom().item(error(id, INVALID_PARAMS, "Unknown tool: " + name
                        + " (not registered, disabled, or off in your settings)."));
            }
            String args = arguments == null || arguments.isNull() ? "{}" : arguments.toString();
            return toolbox.call(caller, tool, args).map(r -> {
                ObjectNode out = json.createObjectNode();
                out.putArray("content").addObject().put("type", "text").put("text", r.error() == null ? r.output()
                        : r.error());
                out.put("isError", r.error() != null);
                return result(id, out);
            });
        });
    }

    private ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode out = json.createObjectNode().put("jsonrpc", "2.0");
        out.set("id", id);
        out.set("result", result);
        return out;
    }

    ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode out = json.createObjectNode().put("jsonrpc", "2.0");
        out.set("id", id == null ? json.nullNode() : id);
        out.putObject("error").put("code", code).put("message", message);
        return out;
    }
}
