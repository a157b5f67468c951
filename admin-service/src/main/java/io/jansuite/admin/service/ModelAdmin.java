package io.jansuite.admin.service;

import io.jansuite.admin.api.AdminViews.CatalogWithUsage;
import io.jansuite.admin.api.AdminViews.Count;
import io.jansuite.admin.client.UsageTotals;
import io.jansuite.catalog.adminapi.AdminActor;
import io.jansuite.catalog.adminapi.AdminRequests;
import io.jansuite.catalog.adminapi.CatalogView;
import io.jansuite.catalog.adminapi.Change;
import io.jansuite.catalog.adminapi.ModelsAdminApi;
import io.jansuite.catalog.adminapi.ProviderModelView;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Provider models and catalogs, stored by the catalog-service, which audits each change in the same transaction;
 * the entry is copied into the audit log before the admin gets the answer ({@link AuditFeed}).
 */
@ApplicationScoped
public class ModelAdmin {

    @Inject
    @RestClient
    ModelsAdminApi catalog;

    @Inject
    UsageTotals usage;

    @Inject
    AuditFeed audit;

    public Uni<ListEnvelope<ProviderModelView>> list(String provider, Boolean enabled, Page page) {
        return catalog.providerModels(provider, enabled == null ? null : enabled.toString(),
                String.valueOf(page.limit()), String.valueOf(page.offset()));
    }

    public Uni<ProviderModelView> get(String ref) {
        return catalog.providerModel(ref).map(DataEnvelope::data);
    }

    public Uni<ProviderModelView> patch(Caller actor, String ref, AdminRequests.ProviderModelPatch patch) {
        return audit.afterChange(catalog.patchProviderModel(AdminActor.header(actor), ref, patch))
                .map(c -> c.data().after());
    }

    public Uni<Count> toggleModels(Caller actor, AdminRequests.ModelToggle request) {
        return audit.afterChange(catalog.toggleProviderModels(AdminActor.header(actor), request))
                .map(r -> new Count(r.data().count()));
    }

    public Uni<List<CatalogWithUsage>> catalogs(String provider, Boolean enabled) {
        // Both at once: the usage call never fails (it falls back to no totals).
        return Uni.combine().all().unis(catalog.catalogs(provider, enabled == null ? null : enabled.toString()),
                usage.byModel()).with((list, totals) -> list.data().stream()
                        .map(c -> CatalogWithUsage.of(c, totals.getOrDefault(c.publicId(), 0L)))
                        .toList());
    }

    public Uni<CatalogView> createCatalog(Caller actor, AdminRequests.CatalogCreate request) {
        return audit.afterChange(catalog.createCatalog(AdminActor.header(actor), request)).map(ModelAdmin::after);
    }

    public Uni<CatalogView> patchCatalog(Caller actor, String id, AdminRequests.CatalogPatch request) {
        return audit.afterChange(catalog.patchCatalog(AdminActor.header(actor), id, request)).map(ModelAdmin::after);
    }

    public Uni<Count> toggleCatalogs(Caller actor, AdminRequests.CatalogToggle request) {
        return audit.afterChange(catalog.toggleCatalogs(AdminActor.header(actor), request))
                .map(r -> new Count(r.data().count()));
    }

    private static <T> T after(DataEnvelope<Change<T>> change) {
        return change.data().after();
    }
}
