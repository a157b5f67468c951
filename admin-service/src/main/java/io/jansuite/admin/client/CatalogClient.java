package io.jansuite.admin.client;

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
import io.jansuite.common.api.Page;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The catalog-service, which stores everything the admin API edits. Its errors pass through unchanged; when it
 * cannot be reached the admin gets a 503. No retries: the writes are not idempotent.
 */
@ApplicationScoped
public class CatalogClient {

    private static final Logger LOG = Logger.getLogger(CatalogClient.class);

    @Inject
    @RestClient
    CatalogApi api;

    public Uni<ListEnvelope<ProviderModel>> providerModels(String provider, Boolean enabled, Page page) {
        return guard(api.providerModels(provider, enabled, page.limit(), page.offset()));
    }

    public Uni<ProviderModel> providerModel(String ref) {
        return guard(api.providerModel(ref)).map(DataEnvelope::data);
    }

    public Uni<Change<ProviderModel>> patchProviderModel(String ref, AdminRequests.ProviderModelPatch patch) {
        return guard(api.patchProviderModel(ref, patch)).map(DataEnvelope::data);
    }

    public Uni<BulkResult> toggleProviderModels(AdminRequests.ModelToggle request) {
        return guard(api.toggleProviderModels(request)).map(DataEnvelope::data);
    }

    public Uni<List<Catalog>> catalogs(String provider, Boolean enabled) {
        return guard(api.catalogs(provider, enabled)).map(DataEnvelope::data);
    }

    public Uni<Change<Catalog>> createCatalog(AdminRequests.CatalogCreate request) {
        return guard(api.createCatalog(request)).map(DataEnvelope::data);
    }

    public Uni<Change<Catalog>> patchCatalog(String id, AdminRequests.CatalogPatch request) {
        return guard(api.patchCatalog(id, request)).map(DataEnvelope::data);
    }

    public Uni<BulkResult> toggleCatalogs(AdminRequests.CatalogToggle request) {
        return guard(api.toggleCatalogs(request)).map(DataEnvelope::data);
    }

    public Uni<List<Provider>> providers() {
        return guard(api.providers()).map(DataEnvelope::data);
    }

    public Uni<Provider> provider(String id) {
        return guard(api.provider(id)).map(DataEnvelope::data);
    }

    public Uni<Change<Provider>> createProvider(AdminRequests.ProviderCreate request) {
        return guard(api.createProvider(request)).map(DataEnvelope::data);
    }

    public Uni<Change<Provider>> patchProvider(String id, AdminRequests.ProviderPatch request) {
        return guard(api.patchProvider(id, request)).map(DataEnvelope::data);
    }

    public Uni<Change<Provider>> deleteProvider(String id) {
        return guard(api.deleteProvider(id)).map(DataEnvelope::data);
    }

    public Uni<SyncResult> syncProvider(String id) {
        return guard(api.syncProvider(id)).map(DataEnvelope::data);
    }

    public Uni<List<McpTool>> mcpTools() {
        return guard(api.mcpTools()).map(DataEnvelope::data);
    }

    public Uni<Change<McpTool>> patchMcpTool(String id, AdminRequests.McpToolPatch request) {
        return guard(api.patchMcpTool(id, request)).map(DataEnvelope::data);
    }

    private static <T> Uni<T> guard(Uni<T> call) {
        return call.onFailure(f -> !(f instanceof ApiException)).transform(f -> {
            LOG.warnf("catalog-service unreachable: %s", f.toString());
            return ApiException.unavailable("catalog_unavailable", "The model catalog is unavailable; try again shortly.");
        });
    }
}
