package io.jansuite.admin.service;

import io.jansuite.admin.api.AdminRequests;
import io.jansuite.admin.api.AdminViews.BulkItem;
import io.jansuite.admin.api.AdminViews.BulkResult;
import io.jansuite.admin.api.AdminViews.Catalog;
import io.jansuite.admin.api.AdminViews.CatalogWithUsage;
import io.jansuite.admin.api.AdminViews.Count;
import io.jansuite.admin.api.AdminViews.ProviderModel;
import io.jansuite.admin.client.CatalogClient;
import io.jansuite.admin.client.UsageTotals;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provider models and catalogs: reads go to the catalog-service; each change is made there first, then
 * recorded in the audit log with the values before and after that the catalog-service reports.
 */
@ApplicationScoped
public class ModelAdmin {

    @Inject
    CatalogClient catalog;

    @Inject
    UsageTotals usage;

    @Inject
    AuditLog audit;

    public Uni<ListEnvelope<ProviderModel>> list(String provider, Boolean enabled, Page page) {
        return catalog.providerModels(provider, enabled, page);
    }

    public Uni<ProviderModel> get(String ref) {
        return catalog.providerModel(ref);
    }

    public Uni<ProviderModel> patch(Caller actor, String requestId, String ref, AdminRequests.ProviderModelPatch patch) {
        return catalog.patchProviderModel(ref, patch).call(change -> audit.record(new AuditLog.Event(actor,
                "provider_model.update", "provider_model", List.of(change.after().id()), patch.reason(),
                change.before(), change.after(), requestId)))
                .map(change -> change.after());
    }

    public Uni<Count> toggleModels(Caller actor, String requestId, AdminRequests.ModelToggle request) {
        return catalog.toggleProviderModels(request).call(result -> record(actor, requestId,
                "provider_model.bulk_toggle", "provider_model", request.reason(), request.enabled(), result))
                .map(result -> new Count(result.count()));
    }

    public Uni<List<CatalogWithUsage>> catalogs(String provider, Boolean enabled) {
        // Both at once: the usage call never fails (it falls back to no totals).
        return Uni.combine().all().unis(catalog.catalogs(provider, enabled), usage.byModel())
                .with((list, totals) -> list.stream()
                        .map(c -> CatalogWithUsage.of(c, totals.getOrDefault(c.publicId(), 0L)))
                        .toList());
    }

    public Uni<Catalog> createCatalog(Caller actor, String requestId, AdminRequests.CatalogCreate request) {
        return catalog.createCatalog(request).call(c -> audit.record(new AuditLog.Event(actor, "catalog.create", "catalog",
                List.of(c.after().publicId()), request.reason(), null, c.after(), requestId)))
                .map(c -> c.after());
    }

    public Uni<Catalog> patchCatalog(Caller actor, String requestId, String id, AdminRequests.CatalogPatch request) {
        return catalog.patchCatalog(id, request).call(c -> audit.record(new AuditLog.Event(actor, "catalog.update",
                "catalog", List.of(id), request.reason(), c.before(), c.after(), requestId)))
                .map(c -> c.after());
    }

    public Uni<Count> toggleCatalogs(Caller actor, String requestId, AdminRequests.CatalogToggle request) {
        return catalog.toggleCatalogs(request).call(result -> record(actor, requestId,
                "catalog.bulk_toggle", "catalog", request.reason(), request.enabled(), result))
                .map(result -> new Count(result.count()));
    }

    /** One entry per bulk toggle, listing the ids it touched; nothing when it touched none. */
    private Uni<?> record(Caller actor, String requestId, String action, String type, String reason, boolean enabled,
            BulkResult result) {
        if (result.count() == 0) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        for (BulkItem item : result.changes()) {
            before.put(item.id(), Map.of("enabled", item.before()));
            after.put(item.id(), Map.of("enabled", item.after()));
        }
        return audit.record(new AuditLog.Event(actor, action, type,
                result.changes().stream().map(BulkItem::id).toList(), reason, before, after, requestId));
    }
}
