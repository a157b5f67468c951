package io.jansuite.inference.neighbour;

import io.jansuite.common.auth.InternalApi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The catalog-service's registered MCP servers, with what it takes to call their tools. */
@InternalApi("catalog-service")
@RegisterRestClient(configKey = "catalog")
@Path("/internal/mcp-servers")
interface CatalogMcpServersApi {

    @GET
    Uni<All> all();

    record All(java.util.List<McpServerEntry> data) {
    }

    @GET
    @Path("/{name}")
    Uni<Envelope> server(@PathParam("name") String name);

    record Envelope(McpServerEntry data) {
    }
}
