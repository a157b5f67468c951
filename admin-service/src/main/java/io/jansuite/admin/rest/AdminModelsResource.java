package io.jansuite.admin.rest;

import io.jansuite.common.api.QueryFlags;
import io.jansuite.catalog.adminapi.AdminRequests;
import io.jansuite.admin.api.AdminViews;
import io.jansuite.catalog.adminapi.CatalogView;
import io.jansuite.admin.api.AdminViews.CatalogWithUsage;
import io.jansuite.admin.api.AdminViews.Count;
import io.jansuite.catalog.adminapi.ProviderModelView;
import io.jansuite.admin.service.ModelAdmin;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/** Provider models and catalogs, for admins (the credential filter refuses everyone else). */
@Path("/v1/admin/models")
@Produces(MediaType.APPLICATION_JSON)
public class AdminModelsResource {

    @Inject
    ModelAdmin models;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/provider-models")
    @Operation(summary = "Provider models, filtered by provider (id, name or type) and enabled")
    public Uni<ListEnvelope<ProviderModelView>> list(@QueryParam("provider") String provider,
            @QueryParam("enabled") String enabled, @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return models.list(blankToNull(provider), QueryFlags.parse(enabled, "enabled"), Page.of(limit, offset));
    }

    @GET
    @Path("/provider-models/{modelId}")
    @Operation(summary = "A provider model by upstream id (e.g. gpt-4o-mini) or pmdl_ id; 409 when ambiguous")
    public Uni<DataEnvelope<ProviderModelView>> get(@PathParam("modelId") String modelId) {
        return models.get(modelId).map(DataEnvelope::of);
    }

    @PATCH
    @Path("/provider-models/{modelId}")
    @Operation(summary = "Edit a provider model; takes effect for chat completions at once")
    public Uni<DataEnvelope<ProviderModelView>> patch(@PathParam("modelId") String modelId,
            @Valid @NotNull AdminRequests.ProviderModelPatch patch) {
        return models.patch(caller.get(), modelId, patch).map(DataEnvelope::of);
    }

    @POST
    @Path("/provider-models/bulk-toggle")
    @Operation(summary = "Enable or disable provider models by upstream or pmdl_ id; unknown ids are not counted")
    public Uni<DataEnvelope<Count>> toggleModels(@Valid @NotNull AdminRequests.ModelToggle request) {
        return models.toggleModels(caller.get(), request).map(DataEnvelope::of);
    }

    @GET
    @Path("/catalogs")
    @Operation(summary = "Catalog entries with their provider models and completions served")
    public Uni<DataEnvelope<List<CatalogWithUsage>>> catalogs(@QueryParam("provider") String provider,
            @QueryParam("enabled") String enabled) {
        return models.catalogs(blankToNull(provider), QueryFlags.parse(enabled, "enabled")).map(DataEnvelope::of);
    }

    @POST
    @Path("/catalogs")
    @ResponseStatus(201)
    @Operation(summary = "Create a public model served by provider models (pmdl_ ids, in priority order)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AdminViews.CatalogEnvelope.class)))
    public Uni<DataEnvelope<CatalogView>> createCatalog(@Valid @NotNull AdminRequests.CatalogCreate request) {
        return models.createCatalog(caller.get(), request).map(DataEnvelope::of);
    }

    @PATCH
    @Path("/catalogs/{id}")
    @Operation(summary = "Edit a public model; models replaces its provider models, in priority order")
    public Uni<DataEnvelope<CatalogView>> patchCatalog(@PathParam("id") String id,
            @Valid @NotNull AdminRequests.CatalogPatch request) {
        return models.patchCatalog(caller.get(), id, request).map(DataEnvelope::of);
    }

    @POST
    @Path("/catalogs/bulk-toggle")
    @Operation(summary = "Enable or disable catalog entries; unknown ids are not counted")
    public Uni<DataEnvelope<Count>> toggleCatalogs(@Valid @NotNull AdminRequests.CatalogToggle request) {
        return models.toggleCatalogs(caller.get(), request).map(DataEnvelope::of);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
