package io.jansuite.catalog.adminapi;

import io.jansuite.common.auth.InternalApi;
import io.jansuite.catalog.adminapi.AdminRequests.CatalogCreate;
import io.jansuite.catalog.adminapi.AdminRequests.CatalogPatch;
import io.jansuite.catalog.adminapi.AdminRequests.CatalogToggle;
import io.jansuite.catalog.adminapi.AdminRequests.ModelToggle;
import io.jansuite.catalog.adminapi.AdminRequests.ProviderModelPatch;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.client.NeighbourErrors;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
 * The catalog-service's admin routes for provider models and catalog entries: catalog-service implements them,
 * admin-service calls them (REST client {@code catalog}). Query values are strings so that the catalog answers
 * a bad one with its own 400. Writes answer with the resource before and after, and are audited in the same
 * transaction on behalf of the {@link AdminActor} header.
 */
@InternalApi("catalog-service")
@RegisterRestClient(configKey = "catalog")
@Path("/internal/admin")
@Produces(MediaType.APPLICATION_JSON)
public interface ModelsAdminApi {

    @GET
    @Path("/provider-models")
    @Operation(summary = "Provider models, filtered by provider (id, name or type) and enabled")
    Uni<ListEnvelope<ProviderModelView>> providerModels(@QueryParam("provider") String provider,
            @QueryParam("enabled") String enabled, @QueryParam("limit") String limit, @QueryParam("offset") String offset);

    @GET
    @Path("/provider-models/{ref}")
    @Operation(summary = "A provider model by upstream id or pmdl_ id; 409 with candidates when ambiguous")
    Uni<DataEnvelope<ProviderModelView>> providerModel(@PathParam("ref") String ref);

    @PATCH
    @Path("/provider-models/{ref}")
    @Operation(summary = "Edit a provider model")
    Uni<DataEnvelope<Change<ProviderModelView>>> patchProviderModel(
            @HeaderParam(AdminActor.HEADER) String actor, @PathParam("ref") String ref,
            @Valid @NotNull ProviderModelPatch patch);

    @POST
    @Path("/provider-models/bulk-toggle")
    @Operation(summary = "Switch provider models on or off; unknown ids are not counted")
    Uni<DataEnvelope<BulkResult>> toggleProviderModels(@HeaderParam(AdminActor.HEADER) String actor,
            @Valid @NotNull ModelToggle request);

    @GET
    @Path("/catalogs")
    @Operation(summary = "Catalog entries with their provider models")
    Uni<DataEnvelope<List<CatalogView>>> catalogs(@QueryParam("provider") String provider,
            @QueryParam("enabled") String enabled);

    @POST
    @Path("/catalogs")
    @ResponseStatus(201)
    @Operation(summary = "Create a public model served by provider models (pmdl_ ids, in priority order)")
    Uni<DataEnvelope<Change<CatalogView>>> createCatalog(@HeaderParam(AdminActor.HEADER) String actor,
            @Valid @NotNull CatalogCreate request);

    @PATCH
    @Path("/catalogs/{id}")
    @Operation(summary = "Edit a public model; models replaces its provider models, in priority order")
    Uni<DataEnvelope<Change<CatalogView>>> patchCatalog(@HeaderParam(AdminActor.HEADER) String actor,
            @PathParam("id") String id, @Valid @NotNull CatalogPatch request);

    @POST
    @Path("/catalogs/bulk-toggle")
    @Operation(summary = "Switch catalog entries on or off; unknown ids are not counted")
    Uni<DataEnvelope<BulkResult>> toggleCatalogs(@HeaderParam(AdminActor.HEADER) String actor,
            @Valid @NotNull CatalogToggle request);

    /** The catalog-service's own error (404, 409 with candidates, 400 naming the param) reaches the admin as it is. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NeighbourErrors.from("catalog-service", response);
    }
}
