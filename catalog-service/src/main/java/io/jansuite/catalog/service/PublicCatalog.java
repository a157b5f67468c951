package io.jansuite.catalog.service;

import io.jansuite.catalog.CatalogEntry;
import io.jansuite.catalog.Provider;
import io.jansuite.catalog.ProviderModel;
import io.jansuite.catalog.api.PublicModels;
import io.jansuite.catalog.api.RouteView;
import io.jansuite.common.auth.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What clients may name (the public lists) and where each model is served (routes for the inference-service). */
@ApplicationScoped
public class PublicCatalog {

    @Inject
    ProviderKeyCipher cipher;

    @Inject
    SnapshotCache snapshots;

    /** The servable models the caller may use (an API key limited to some models sees only those). */
    @WithSession
    public Uni<PublicModels.ModelList> publicModels(Caller caller) {
        return snapshots.current().map(s -> new PublicModels.ModelList("list", s.entries().stream()
                .filter(s::servable)
                .filter(e -> caller.mayUse(e.publicId))
                .map(e -> model(s, e))
                .toList()));
    }

    /** One servable model the caller may use, or null. */
    @WithSession
    public Uni<PublicModels.Model> publicModel(Caller caller, String id) {
        return snapshots.current().map(s -> s.entries().stream()
                .filter(e -> e.publicId.equals(id) && s.servable(e) && caller.mayUse(e.publicId))
                .map(e -> model(s, e))
                .findFirst().orElse(null));
    }

    private static PublicModels.Model model(CatalogSnapshot s, CatalogEntry e) {
        return new PublicModels.Model(e.publicId, "model", e.createdAt.getEpochSecond(), ownedBy(s, e));
    }

    @WithSession
    public Uni<List<PublicModels.Catalog>> publicCatalogs(Caller caller, String capability) {
        return snapshots.current().map(s -> s.entries().stream()
                .filter(s::servable)
                .filter(e -> caller.mayUse(e.publicId))
                .filter(e -> capability == null || capability.isBlank() || e.capabilities.contains(capability))
                .map(e -> new PublicModels.Catalog(e.publicId, "model", e.name, ownedBy(s, e), e.capabilities,
                        e.contextWindow, ownedBy(s, e), e.createdAt.getEpochSecond()))
                .toList());
    }

    private static String ownedBy(CatalogSnapshot s, CatalogEntry e) {
        Provider p = s.providerOf(e);
        return p == null ? null : p.name;
    }

    /** Null when the model is unknown, disabled or has no usable provider model. */
    @WithSession
    public Uni<RouteView> route(String model) {
        return snapshots.current().map(s -> {
            CatalogEntry entry = s.entries().stream().filter(e -> e.publicId.equals(model)).findFirst().orElse(null);
            if (entry == null || !s.servable(entry)) {
                return null;
            }
            List<ProviderModel> usable = s.usableModels(entry);
            Integer window = entry.contextWindow != null ? entry.contextWindow : usable.stream()
                    .map(m -> m.contextWindow).filter(w -> w != null).min(Integer::compare).orElse(null);
            return new RouteView(entry.publicId, entry.publicId, true, window,
                    usable.stream().map(m -> target(s, m)).toList());
        });
    }

    @SuppressWarnings("unchecked")
    private RouteView.Target target(CatalogSnapshot s, ProviderModel m) {
        Provider p = s.providers().get(m.providerId);
        Map<String, Object> settings = p.settings == null ? Map.of() : p.settings;
        Object timeouts = settings.get("timeouts");
        return new RouteView.Target(m.id, p.id, p.name, p.type, p.baseUrl, cipher.decrypt(p.apiKeyEncrypted), m.modelId,
                m.defaultTemperature, m.requestsPerMinute,
                timeouts instanceof Map<?, ?> t ? (Map<String, Object>) t : new HashMap<>(), settings,
                m.capabilities == null ? List.of() : List.copyOf(m.capabilities), m.inputPricePerMillionUsd,
                m.outputPricePerMillionUsd);
    }
}
