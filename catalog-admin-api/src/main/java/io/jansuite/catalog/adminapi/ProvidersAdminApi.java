package io.jansuite.catalog.adminapi;

import io.jansuite.common.auth.InternalApi;
import io.jansuite.catalog.adminapi.AdminRequests.McpToolPatch;
import io.jansuite.catalog.adminapi.AdminRequests.ProviderCreate;
import io.jansuite.catalog.adminapi.AdminRequests.ProviderPatch;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.client.NeighbourErrors;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * The catalog-service's admin routes for providers and MCP tools (see {@link ModelsAdminApi}). A provider's API
 * key goes in, encrypted at rest, and never comes out: only {@code has_api_key}.
 */
@InternalApi("catalog-service")
@RegisterRestClient(configKey = "catalog")
@Path("/internal/admin")
@Produces(MediaType.APPLICATION_JSON)
public interface ProvidersAdminApi {

    @GET
    @Path("/providers")
    @Operation(summary = "All providers (never their keys)")
    Uni<DataEnvelope<List<ProviderView>>> providers();

    @POST
    @Path("/providers")
    @ResponseStatus(201)
    @Operation(summary = "Create a provider; its API key is encrypted at rest")
    Uni<DataEnvelope<Change<ProviderView>>> createProvider(@HeaderParam(AdminActor.HEADER) String actor,
            @Valid @NotNull ProviderCreate request);

    @GET
    @Path("/providers/{id}")
    @Operation(summary = "A provider by id (never its key)")
    Uni<DataEnvelope<ProviderView>> provider(@PathParam("id") String id);

    @PATCH
    @Path("/providers/{id}")
    @Operation(summary = "Edit a provider; api_key replaces the stored key, an empty one removes it")
    Uni<DataEnvelope<Change<ProviderView>>> patchProvider(@HeaderParam(AdminActor.HEADER) String actor,
            @PathParam("id") String id, @Valid @NotNull ProviderPatch request);

    @DELETE
    @Path("/providers/{id}")
    @Operation(summary = "Delete a provider with its provider models")
    Uni<DataEnvelope<Change<ProviderView>>> deleteProvider(@HeaderParam(AdminActor.HEADER) String actor,
            @PathParam("id") String id, @QueryParam("reason") @Size(max = 1000) String reason);

    @POST
    @Path("/providers/{id}/sync")
    @Operation(summary = "Import the upstream's GET /models as provider models and catalog entries")
    Uni<DataEnvelope<SyncResult>> syncProvider(@HeaderParam(AdminActor.HEADER) String actor,
            @PathParam("id") String id, @QueryParam("reason") @Size(max = 1000) String reason);

    @GET
    @Path("/mcp-tools")
    @Operation(summary = "All MCP tools, enabled or not, with their content filters")
    Uni<DataEnvelope<List<McpToolView>>> mcpTools();

    @PATCH
    @Path("/mcp-tools/{id}")
    @Operation(summary = "Switch a tool (enabled, alias is_active) or replace its content filter lists")
    Uni<DataEnvelope<Change<McpToolView>>> patchMcpTool(@HeaderParam(AdminActor.HEADER) String actor,
            @PathParam("id") String id, @Valid @NotNull McpToolPatch request);

    /** The catalog-service's own error reaches the admin as it is. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NeighbourErrors.from("catalog-service", response);
    }
}
