package io.jansuite.catalog.rest;

import io.jansuite.common.api.QueryFlags;
import io.jansuite.catalog.api.BulkResult;
import io.jansuite.catalog.api.CatalogView;
import io.jansuite.catalog.api.Change;
import io.jansuite.catalog.api.ProviderModelView;
import io.jansuite.catalog.api.Requests.CatalogCreate;
import io.jansuite.catalog.api.Requests.CatalogPatch;
import io.jansuite.catalog.api.Requests.CatalogToggle;
import io.jansuite.catalog.api.Requests.ModelToggle;
import io.jansuite.catalog.api.Requests.ProviderModelPatch;
import io.jansuite.catalog.service.CatalogChanges;
import io.jansuite.catalog.service.CatalogService;
import io.jansuite.catalog.service.ProviderModelService;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
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
import org.jboss.resteasy.reactive.ResponseStatus;

/** For the admin-service: provider models and catalog entries. Writes answer with before and after. */
@Path("/internal/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminModelsResource {

    @Inject
    ProviderModelService models;

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogChanges changes;

    @GET
    @Path("/provider-models")
    @Operation(summary = "Provider models, filtered by provider (id, name or type) and enabled")
    public Uni<ListEnvelope<ProviderModelView>> list(@QueryParam("provider") String provider,
            @QueryParam("enabled") String enabled, @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return models.list(provider, QueryFlags.parse(enabled, "enabled"), Page.of(limit, offset));
    }

    @GET
    @Path("/provider-models/{ref}")
    @Operation(summary = "A provider model by upstream id or pmdl_ id; 409 with candidates when ambiguous")
    public Uni<DataEnvelope<ProviderModelView>> get(@PathParam("ref") String ref) {
        return models.get(ref).map(m -> DataEnvelope.of(QueryParams.found(m, "provider_model_not_found",
                "No provider model '" + ref + "'.")));
    }

    @PATCH
    @Path("/provider-models/{ref}")
    @Operation(summary = "Edit a provider model")
    public Uni<DataEnvelope<Change<ProviderModelView>>> patch(@PathParam("ref") String ref,
            @Valid @NotNull ProviderModelPatch patch) {
        return models.patch(ref, patch)
                .map(c -> DataEnvelope.of(QueryParams.found(c, "provider_model_not_found", "No provider model '" + ref + "'.")))
                .invoke(changes::announce);
    }

    @POST
    @Path("/provider-models/bulk-toggle")
    @Operation(summary = "Switch provider models on or off; unknown ids are not counted")
    public Uni<DataEnvelope<BulkResult>> toggleModels(@Valid @NotNull ModelToggle request) {
        return models.toggle(request).map(DataEnvelope::of).invoke(changes::announce);
    }

    @GET
    @Path("/catalogs")
    @Operation(summary = "Catalog entries with their provider models")
    public Uni<DataEnvelope<List<CatalogView>>> catalogs(@QueryParam("provider") String provider,
            @QueryParam("enabled") String enabled) {
        return catalogs.list(provider, QueryFlags.parse(enabled, "enabled")).map(DataEnvelope::of);
    }

    @POST
    @Path("/catalogs")
    @ResponseStatus(201)
    @Operation(summary = "Create a public model served by provider models (pmdl_ ids, in priority order)")
    public Uni<DataEnvelope<Change<CatalogView>>> createCatalog(@Valid @NotNull CatalogCreate request) {
        return catalogs.create(request).map(DataEnvelope::of).invoke(changes::announce);
    }

    @PATCH
    @Path("/catalogs/{id}")
    @Operation(summary = "Edit a public model; models replaces its provider models, in priority order")
    public Uni<DataEnvelope<Change<CatalogView>>> patchCatalog(@PathParam("id") String id,
            @Valid @NotNull CatalogPatch request) {
        return catalogs.patch(id, request)
                .map(c -> DataEnvelope.of(QueryParams.found(c, "catalog_not_found", "No catalog entry '" + id + "'.")))
                .invoke(changes::announce);
    }

    @POST
    @Path("/catalogs/bulk-toggle")
    @Operation(summary = "Switch catalog entries on or off; unknown ids are not counted")
    public Uni<DataEnvelope<BulkResult>> toggleCatalogs(@Valid @NotNull CatalogToggle request) {
        return catalogs.toggle(request).map(DataEnvelope::of).invoke(changes::announce);
    }
}
