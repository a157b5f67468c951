package io.jansuite.catalog.rest;

import io.jansuite.catalog.adminapi.AdminRequests.CatalogCreate;
import io.jansuite.catalog.adminapi.AdminRequests.CatalogPatch;
import io.jansuite.catalog.adminapi.AdminRequests.CatalogToggle;
import io.jansuite.catalog.adminapi.AdminRequests.ModelToggle;
import io.jansuite.catalog.adminapi.AdminRequests.ProviderModelPatch;
import io.jansuite.catalog.adminapi.BulkResult;
import io.jansuite.catalog.adminapi.CatalogView;
import io.jansuite.catalog.adminapi.Change;
import io.jansuite.catalog.adminapi.ModelsAdminApi;
import io.jansuite.catalog.adminapi.ProviderModelView;
import io.jansuite.catalog.service.AdminAudit;
import io.jansuite.catalog.service.AdminAudit.Entry;
import io.jansuite.catalog.service.CatalogChanges;
import io.jansuite.catalog.service.CatalogService;
import io.jansuite.catalog.service.ProviderModelService;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.api.QueryFlags;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For the admin-service: provider models and catalog entries ({@link ModelsAdminApi}). Every write is audited. */
public class AdminModelsResource implements ModelsAdminApi {

    @Inject
    ProviderModelService models;

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogChanges changes;

    @Inject
    AdminAudit audit;

    @Override
    public Uni<ListEnvelope<ProviderModelView>> providerModels(String provider, String enabled, String limit,
            String offset) {
        return models.list(provider, QueryFlags.parse(enabled, "enabled"), Page.of(limit, offset));
    }

    @Override
    public Uni<DataEnvelope<ProviderModelView>> providerModel(String ref) {
        return models.get(ref).map(m -> DataEnvelope.of(QueryParams.found(m, "provider_model_not_found",
                "No provider model '" + ref + "'.")));
    }

    @Override
    public Uni<DataEnvelope<Change<ProviderModelView>>> patchProviderModel(String actor, String ref,
            ProviderModelPatch patch) {
        return audit.apply(actor, () -> models.patch(ref, patch), c -> new Entry("provider_model.update",
                        "provider_model", List.of(c.after().id()), patch.reason(), c.before(), c.after()))
                .map(c -> DataEnvelope.of(QueryParams.found(c, "provider_model_not_found", "No provider model '" + ref + "'.")))
                .invoke(changes::announce);
    }

    @Override
    public Uni<DataEnvelope<BulkResult>> toggleProviderModels(String actor, ModelToggle request) {
        return audit.apply(actor, () -> models.toggle(request),
                        r -> toggled("provider_model.bulk_toggle", "provider_model", request.reason(), r))
                .map(DataEnvelope::of).invoke(changes::announce);
    }

    @Override
    public Uni<DataEnvelope<List<CatalogView>>> catalogs(String provider, String enabled) {
        return catalogs.list(provider, QueryFlags.parse(enabled, "enabled")).map(DataEnvelope::of);
    }

    @Override
    public Uni<DataEnvelope<Change<CatalogView>>> createCatalog(String actor, CatalogCreate request) {
        return audit.apply(actor, () -> catalogs.create(request), c -> new Entry("catalog.create", "catalog",
                        List.of(c.after().publicId()), request.reason(), null, c.after()))
                .map(DataEnvelope::of).invoke(changes::announce);
    }

    @Override
    public Uni<DataEnvelope<Change<CatalogView>>> patchCatalog(String actor, String id, CatalogPatch request) {
        return audit.apply(actor, () -> catalogs.patch(id, request), c -> new Entry("catalog.update", "catalog",
                        List.of(id), request.reason(), c.before(), c.after()))
                .map(c -> DataEnvelope.of(QueryParams.found(c, "catalog_not_found", "No catalog entry '" + id + "'.")))
                .invoke(changes::announce);
    }

    @Override
    public Uni<DataEnvelope<BulkResult>> toggleCatalogs(String actor, CatalogToggle request) {
        return audit.apply(actor, () -> catalogs.toggle(request),
                        r -> toggled("catalog.bulk_toggle", "catalog", request.reason(), r))
                .map(DataEnvelope::of).invoke(changes::announce);
    }

    /** One entry per bulk toggle, listing the ids it touched; none when it touched none. */
    private static Entry toggled(String action, String type, String reason, BulkResult result) {
        if (result.count() == 0) {
            return null;
        }
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        for (BulkResult.Item item : result.changes()) {
            before.put(item.id(), Map.of("enabled", item.before()));
            after.put(item.id(), Map.of("enabled", item.after()));
        }
        return new Entry(action, type, result.changes().stream().map(BulkResult.Item::id).toList(), reason, before, after);
    }
}
