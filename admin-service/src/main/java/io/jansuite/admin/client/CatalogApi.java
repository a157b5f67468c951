package io.jansuite.admin.client;

import io.jansuite.common.auth.InternalApi;
import io.jansuite.admin.api.AdminRequests;
import io.jansuite.admin.api.AdminViews.BulkResult;
import io.jansuite.admin.api.AdminViews.Catalog;
import io.jansuite.admin.api.AdminViews.Change;
import io.jansuite.admin.api.AdminViews.McpTool;
import io.jansuite.admin.api.AdminViews.Provider;
import io.jansuite.admin.api.AdminViews.ProviderModel;
import io.jansuite.admin.api.AdminViews.SyncResult;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The catalog-service's {@code /internal/admin/...} routes (docs/internal-api.md). */
@InternalApi("catalog-service")
@RegisterRestClient(configKey = "catalog")
@Path("/internal/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface CatalogApi {

    @GET
    @Path("/provider-models")
    Uni<ListEnvelope<ProviderModel>> providerModels(@QueryParam("provider") String provider,
            @QueryParam("enabled") Boolean enabled, @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/provider-models/{ref}")
    Uni<DataEnvelope<ProviderModel>> providerModel(@PathParam("ref") String ref);

    @PATCH
    @Path("/provider-models/{ref}")
    Uni<DataEnvelope<Change<ProviderModel>>> patchProviderModel(@PathParam("ref") String ref,
            AdminRequests.ProviderModelPatch patch);

    @POST
    @Path("/provider-models/bulk-toggle")
    Uni<DataEnvelope<BulkResult>> toggleProviderModels(AdminRequests.ModelToggle request);

    @GET
    @Path("/catalogs")
    Uni<DataEnvelope<List<Catalog>>> catalogs(@QueryParam("provider") String provider, @QueryParam("enabled") Boolean enabled);

    @POST
    @Path("/catalogs")
    Uni<DataEnvelope<Change<Catalog>>> createCatalog(AdminRequests.CatalogCreate request);

    @PATCH
    @Path("/catalogs/{id}")
    Uni<DataEnvelope<Change<Catalog>>> patchCatalog(@PathParam("id") String id, AdminRequests.CatalogPatch request);

    @POST
    @Path("/catalogs/bulk-toggle")
    Uni<DataEnvelope<BulkResult>> toggleCatalogs(AdminRequests.CatalogToggle request);

    @GET
    @Path("/providers")
    Uni<DataEnvelope<List<Provider>>> providers();

    @POST
    @Path("/providers")
    Uni<DataEnvelope<Change<Provider>>> createProvider(AdminRequests.ProviderCreate request);

    @GET
    @Path("/providers/{id}")
    Uni<DataEnvelope<Provider>> provider(@PathParam("id") String id);

    @PATCH
    @Path("/providers/{id}")
    Uni<DataEnvelope<Change<Provider>>> patchProvider(@PathParam("id") String id, AdminRequests.ProviderPatch request);

    @DELETE
    @Path("/providers/{id}")
    Uni<DataEnvelope<Change<Provider>>> deleteProvider(@PathParam("id") String id);

    @POST
    @Path("/providers/{id}/sync")
    Uni<DataEnvelope<SyncResult>> syncProvider(@PathParam("id") String id);

    @GET
    @Path("/mcp-tools")
    Uni<DataEnvelope<List<McpTool>>> mcpTools();

    @PATCH
    @Path("/mcp-tools/{id}")
    Uni<DataEnvelope<Change<McpTool>>> patchMcpTool(@PathParam("id") String id, AdminRequests.McpToolPatch request);

    /** The catalog-service's own error (404, 409 with candidates, 400 naming the param) goes to the admin as it is. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamErrors.from("catalog-service", response);
    }
}
