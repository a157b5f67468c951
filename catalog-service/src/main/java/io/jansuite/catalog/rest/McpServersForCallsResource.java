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
import org.eclipse.microprofile.openapi.annotations.Operation;

/** For the inference-service, which calls MCP tools: an enabled server with its URL, headers and tools. */
@Path("/internal/mcp-servers")
@Produces(MediaType.APPLICATION_JSON)
public class McpServersForCallsResource {

    @Inject
    McpServerService servers;

    @GET
    @Path("/{name}")
    @Operation(summary = "An enabled MCP server by name, with what it takes to call its tools")
    public Uni<DataEnvelope<McpServerTools>> forCalls(@PathParam("name") String name) {
        return servers.forCalls(name).map(s -> DataEnvelope.of(QueryParams.found(s, "mcp_server_not_found",
                "No enabled MCP server '" + name + "'.")));
    }
}
