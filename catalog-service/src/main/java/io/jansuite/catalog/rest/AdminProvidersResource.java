package io.jansuite.catalog.rest;

import io.jansuite.catalog.api.Change;
import io.jansuite.catalog.api.McpToolView;
import io.jansuite.catalog.api.ProviderView;
import io.jansuite.catalog.api.Requests.McpToolPatch;
import io.jansuite.catalog.api.Requests.ProviderCreate;
import io.jansuite.catalog.api.Requests.ProviderPatch;
import io.jansuite.catalog.api.SyncResult;
import io.jansuite.catalog.service.CatalogChanges;
import io.jansuite.catalog.service.McpToolService;
import io.jansuite.catalog.service.ProviderService;
import io.jansuite.common.api.DataEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;

/** For the admin-service: providers and MCP tools. Writes answer with before and after. */
@Path("/internal/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminProvidersResource {

    private static final String NOT_FOUND = "provider_not_found";

    @Inject
    ProviderService providers;

    @Inject
    McpToolService tools;

    @Inject
    CatalogChanges changes;

    @GET
    @Path("/providers")
    @Operation(summary = "All providers (never their keys)")
    public Uni<DataEnvelope<List<ProviderView>>> list() {
        return providers.list().map(DataEnvelope::of);
    }

    @POST
    @Path("/providers")
    @ResponseStatus(201)
    @Operation(summary = "Create a provider; its API key is encrypted at rest")
    public Uni<DataEnvelope<Change<ProviderView>>> create(@Valid @NotNull ProviderCreate request) {
        return providers.create(request).map(DataEnvelope::of).invoke(changes::announce);
    }

    @GET
    @Path("/providers/{id}")
    public Uni<DataEnvelope<ProviderView>> get(@PathParam("id") String id) {
        return providers.get(id).map(p -> DataEnvelope.of(QueryParams.found(p, NOT_FOUND, "No provider '" + id + "'.")));
    }

    @PATCH
    @Path("/providers/{id}")
    public Uni<DataEnvelope<Change<ProviderView>>> patch(@PathParam("id") String id, @Valid @NotNull ProviderPatch request) {
        return providers.patch(id, request)
                .map(c -> DataEnvelope.of(QueryParams.found(c, NOT_FOUND, "No provider '" + id + "'.")))
                .invoke(changes::announce);
    }

    @DELETE
    @Path("/providers/{id}")
    @Operation(summary = "Delete a provider with its provider models")
    public Uni<DataEnvelope<Change<ProviderView>>> delete(@PathParam("id") String id) {
        return providers.delete(id)
                .map(c -> DataEnvelope.of(QueryParams.found(c, NOT_FOUND, "No provider '" + id + "'.")))
                .invoke(changes::announce);
    }

    @POST
    @Path("/providers/{id}/sync")
    @Operation(summary = "Import the upstream's GET /models as provider models and catalog entries")
    public Uni<DataEnvelope<SyncResult>> sync(@PathParam("id") String id) {
        return providers.sync(id)
                .map(r -> DataEnvelope.of(QueryParams.found(r, NOT_FOUND, "No provider '" + id + "'.")))
                .invoke(changes::announce);
    }

    @GET
    @Path("/mcp-tools")
    public Uni<DataEnvelope<List<McpToolView>>> tools() {
        return tools.list(false).map(DataEnvelope::of);
    }

    @PATCH
    @Path("/mcp-tools/{id}")
    @Operation(summary = "Switch a tool (enabled, alias is_active) or replace its content filter lists")
    public Uni<DataEnvelope<Change<McpToolView>>> patchTool(@PathParam("id") String id, @NotNull McpToolPatch request) {
        return tools.patch(id, request)
                .map(c -> DataEnvelope.of(QueryParams.found(c, "mcp_tool_not_found", "No MCP tool '" + id + "'.")))
                .invoke(changes::announce);
    }
}
