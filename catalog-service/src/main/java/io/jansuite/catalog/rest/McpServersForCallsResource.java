package io.jansuite.catalog.rest;

import io.jansuite.catalog.api.McpServerTools;
import io.jansuite.catalog.service.McpServerService;
import io.jansuite.common.api.DataEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** For the inference-service, which calls MCP tools: an enabled server (or all, or the built-in tools' server {@code jan}) with its URL, headers and tools. */
@Path("/internal/mcp-servers")
@Produces(MediaType.APPLICATION_JSON)
public class McpServersForCallsResource {

    @Inject
    McpServerService servers;

    @GET
    @Operation(summary = "The built-in tools' server and every enabled MCP server, with what it takes to call their tools")
    public Uni<DataEnvelope<List<McpServerTools>>> allForCalls() {
        return servers.allForCalls().map(DataEnvelope::of);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "An enabled MCP server by name, with what it takes to call its tools")
    public Uni<DataEnvelope<McpServerTools>> forCalls(@PathParam("name") String name) {
        return servers.forCalls(name).map(s -> DataEnvelope.of(QueryParams.found(s, "mcp_server_not_found",
                "No enabled MCP server '" + name + "'.")));
    }
}
