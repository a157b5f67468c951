package io.jansuite.catalog.service;

import io.jansuite.catalog.CatalogEntry;
import io.jansuite.catalog.CatalogTarget;
import io.jansuite.catalog.Provider;
import io.jansuite.catalog.ProviderModel;
import io.jansuite.catalog.adminapi.CatalogView;
import io.jansuite.catalog.adminapi.ProviderModelView;
import io.smallrye.mutiny.Uni;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole catalog read in one session (it is small: tens to hundreds of rows), so that lists, filters and
 * views are computed in one place with the same rules.
 */
public record CatalogSnapshot(Map<String, Provider> providers, Map<String, ProviderModel> models,
        List<CatalogEntry> entries, Map<String, List<CatalogTarget>> targets) {

    /** Must run inside a session. */
    public static Uni<CatalogSnapshot> load() {
        return Provider.<Provider>listAll().flatMap(providers -> ProviderModel.<ProviderModel>list("order by modelId, id")
                .flatMap(models -> CatalogEntry.<CatalogEntry>list("order by publicId")
                        .flatMap(entries -> CatalogTarget.<CatalogTarget>list("order by catalogId, priority, id")
                                .map(targets -> new CatalogSnapshot(
                                        providers.stream().collect(Collectors.toMap(p -> p.id, Function.identity())),
                                        models.stream().collect(Collectors.toMap(m -> m.id, Function.identity(),
                                                (a, b) -> a, LinkedHashMap::new)),
                                        entries,
                                        targets.stream().collect(Collectors.groupingBy(t -> t.catalogId,
                                                LinkedHashMap::new, Collectors.toList())))))));
    }

    public ProviderModelView view(ProviderModel m) {
        Provider p = providers.get(m.providerId);
        return new ProviderModelView(m.id, m.modelId, p == null ? null : p.name, m.providerId, p == null ? null : p.type,
                m.enabled, m.contextWindow, m.capabilities, m.defaultTemperature,
                new ProviderModelView.RateLimit(m.requestsPerMinute), m.tags, m.createdAt, m.updatedAt,
                new ProviderModelView.Pricing(m.inputPricePerMillionUsd, m.outputPricePerMillionUsd));
    }

    /** The provider models of an entry, in priority order. */
    public List<ProviderModel> servingModels(CatalogEntry entry) {
        return targets.getOrDefault(entry.publicId, List.of()).stream()
                .sorted(Comparator.comparingInt((CatalogTarget t) -> t.priority).thenComparing(t -> t.id))
                .map(t -> models.get(t.providerModelId))
                .filter(m -> m != null)
                .toList();
    }

    /** The provider models that can serve an entry now: enabled, of an enabled provider. */
    public List<ProviderModel> usableModels(CatalogEntry entry) {
        return servingModels(entry).stream().filter(this::usable).toList();
    }

    public boolean usable(ProviderModel m) {
        Provider p = providers.get(m.providerId);
        return m.enabled && p != null && p.enabled;
    }

    /** Enabled, with at least one usable provider model. */
    public boolean servable(CatalogEntry entry) {
        return entry.enabled && !usableModels(entry).isEmpty();
    }

    /** The provider shown for an entry: the first usable one, else the first serving one. */
    public Provider providerOf(CatalogEntry entry) {
        List<ProviderModel> usable = usableModels(entry);
        List<ProviderModel> chosen = usable.isEmpty() ? servingModels(entry) : usable;
        return chosen.isEmpty() ? null : providers.get(chosen.get(0).providerId);
    }

    /** True when the provider filter (an id, name or type) names this provider. */
    public static boolean matches(Provider p, String filter) {
        return filter == null || filter.isBlank()
                || (p != null && (filter.equals(p.id) || filter.equalsIgnoreCase(p.name) || filter.equalsIgnoreCase(p.type)));
    }

    public CatalogView view(CatalogEntry e) {
        Provider p = providerOf(e);
        return new CatalogView(e.publicId, e.name, p == null ? null : p.name, e.enabled, servable(e), e.capabilities,
                e.contextWindow, servingModels(e).stream().map(this::view).toList(), e.createdAt, e.updatedAt);
    }
}
