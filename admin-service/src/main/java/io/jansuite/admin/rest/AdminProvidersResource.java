package io.jansuite.admin.rest;

import io.jansuite.catalog.adminapi.AdminRequests;
import io.jansuite.admin.api.AdminViews;
import io.jansuite.catalog.adminapi.McpToolView;
import io.jansuite.catalog.adminapi.ProviderView;
import io.jansuite.catalog.adminapi.SyncResult;
import io.jansuite.admin.service.ProviderAdmin;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.CurrentCaller;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Providers and MCP tools, for admins. A provider's API key is write-only. */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminProvidersResource {

    @Inject
    ProviderAdmin providers;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/providers")
    @Operation(summary = "All providers (has_api_key, never the key)")
    public Uni<DataEnvelope<List<ProviderView>>> list() {
        return providers.list().map(DataEnvelope::of);
    }

    @POST
    @Path("/providers")
    @ResponseStatus(201)
    @Operation(summary = "Add a provider: openai (any OpenAI-compatible API), anthropic or simulator")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AdminViews.ProviderEnvelope.class)))
    public Uni<DataEnvelope<ProviderView>> create(@Valid @NotNull AdminRequests.ProviderCreate request) {
        return providers.create(caller.get(), request).map(DataEnvelope::of);
    }

    @GET
    @Path("/providers/{id}")
    @Operation(summary = "A provider by id (has_api_key, never the key)")
    public Uni<DataEnvelope<ProviderView>> get(@PathParam("id") String id) {
        return providers.get(id).map(DataEnvelope::of);
    }

    @PATCH
    @Path("/providers/{id}")
    @Operation(summary = "Edit a provider; api_key replaces the stored key, an empty one removes it")
    public Uni<DataEnvelope<ProviderView>> patch(@PathParam("id") String id, @Valid @NotNull AdminRequests.ProviderPatch request) {
        return providers.patch(caller.get(), id, request).map(DataEnvelope::of);
    }

    @DELETE
    @Path("/providers/{id}")
    @Operation(summary = "Delete a provider with its provider models")
    public Uni<Void> delete(@PathParam("id") String id, @QueryParam("reason") String reason) {
        return providers.delete(caller.get(), id, reason);
    }

    @POST
    @Path("/providers/{id}/sync")
    @Operation(summary = "Import the upstream's /models as provider models and catalog entries")
    public Uni<DataEnvelope<SyncResult>> sync(@PathParam("id") String id, @QueryParam("reason") String reason) {
        return providers.sync(caller.get(), id, reason).map(DataEnvelope::of);
    }

    @GET
    @Path("/mcp-tools")
    @Operation(summary = "All MCP tools, enabled or not, with their content filters")
    public Uni<DataEnvelope<List<McpToolView>>> tools() {
        return providers.tools().map(DataEnvelope::of);
    }

    @PATCH
    @Path("/mcp-tools/{id}")
    @Operation(summary = "Enable or disable a tool (enabled, alias is_active) or set its content filter")
    public Uni<DataEnvelope<McpToolView>> patchTool(@PathParam("id") String id, @Valid @NotNull AdminRequests.McpToolPatch request) {
        return providers.patchTool(caller.get(), id, request).map(DataEnvelope::of);
    }
}
