package io.jansuite.admin.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.admin.api.McpServerRequests;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The catalog-service's {@code /internal/admin/mcp-servers} routes. Answers stay JSON: the catalog's server
 * views carry header names only, never their values, and pass through as they are.
 */
@RegisterRestClient(configKey = "catalog")
@Path("/internal/admin/mcp-servers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface CatalogMcpServersApi {

    @GET
    Uni<ObjectNode> list();

    @POST
    Uni<ObjectNode> create(McpServerRequests.Create request);

    @GET
    @Path("/{id}")
    Uni<ObjectNode> get(@PathParam("id") String id);

    @PATCH
    @Path("/{id}")
    Uni<ObjectNode> patch(@PathParam("id") String id, McpServerRequests.Patch request);

    @DELETE
    @Path("/{id}")
    Uni<ObjectNode> delete(@PathParam("id") String id);

    @POST
    @Path("/{id}/sync")
    Uni<ObjectNode> sync(@PathParam("id") String id);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamErrors.from("catalog-service", response);
    }
}
