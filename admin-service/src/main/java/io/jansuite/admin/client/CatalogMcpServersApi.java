package io.jansuite.admin.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.catalog.adminapi.McpServerRequests;
import io.jansuite.catalog.adminapi.AdminActor;
import io.jansuite.common.auth.InternalApi;
import io.jansuite.common.client.NeighbourErrors;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The catalog-service's {@code /internal/admin/mcp-servers} routes. Answers stay JSON: the catalog's server
 * views carry header names only, never their values, and pass through as they are.
 */
@InternalApi("catalog-service")
@RegisterRestClient(configKey = "catalog")
@Path("/internal/admin/mcp-servers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface CatalogMcpServersApi {

    @GET
    Uni<ObjectNode> list();

    @POST
    Uni<ObjectNode> create(@HeaderParam(AdminActor.HEADER) String actor, McpServerRequests.Create request);

    @GET
    @Path("/{id}")
    Uni<ObjectNode> get(@PathParam("id") String id);

    @PATCH
    @Path("/{id}")
    Uni<ObjectNode> patch(@HeaderParam(AdminActor.HEADER) String actor, @PathParam("id") String id,
            McpServerRequests.Patch request);

    @DELETE
    @Path("/{id}")
    Uni<ObjectNode> delete(@HeaderParam(AdminActor.HEADER) String actor, @PathParam("id") String id,
            @QueryParam("reason") String reason);

    @POST
    @Path("/{id}/sync")
    Uni<ObjectNode> sync(@HeaderParam(AdminActor.HEADER) String actor, @PathParam("id") String id,
            @QueryParam("reason") String reason);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NeighbourErrors.from("catalog-service", response);
    }
}
