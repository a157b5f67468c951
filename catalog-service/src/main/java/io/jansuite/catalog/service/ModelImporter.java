package io.jansuite.catalog.service;

import io.jansuite.catalog.CatalogEntry;
import io.jansuite.catalog.CatalogTarget;
import io.jansuite.catalog.Provider;
import io.jansuite.catalog.ProviderModel;
import io.jansuite.common.http.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds an upstream model to a provider and to the public catalog: a provider model (kept as it is when it
 * exists), a catalog entry named after the upstream id (kept when it exists), and the link between them at
 * the lowest priority. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class ModelImporter {

    public record Seed(String modelId, String name, Integer contextWindow, List<String> capabilities) {
    }

    /** The provider model for this seed, new or existing. */
    public Uni<ProviderModel> importModel(Provider provider, Seed seed) {
        Instant now = Instant.now();
        List<String> capabilities = seed.capabilities() == null ? new ArrayList<>() : new ArrayList<>(seed.capabilities());
        return ProviderModel.<ProviderModel>find("providerId = ?1 and modelId = ?2", provider.id, seed.modelId())
                .firstResult()
                .flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(existing);
                    }
                    ProviderModel m = new ProviderModel();
                    m.id = Ids.next("pmdl");
                    m.providerId = provider.id;
                    m.modelId = seed.modelId();
                    m.enabled = true;
                    m.contextWindow = seed.contextWindow();
                    m.capabilities = capabilities;
                    m.createdAt = now;
                    m.updatedAt = now;
                    return m.<ProviderModel>persist();
                })
                .call(m -> CatalogEntry.<CatalogEntry>findById(seed.modelId()).flatMap(entry -> {
                    if (entry != null) {
                        return Uni.createFrom().item(entry);
                    }
                    CatalogEntry e = new CatalogEntry();
                    e.publicId = seed.modelId();
                    e.name = seed.name() == null || seed.name().isBlank() ? seed.modelId() : seed.name();
                    e.enabled = true;
                    e.capabilities = new ArrayList<>(capabilities);
                    e.contextWindow = seed.contextWindow();
                    e.createdAt = now;
                    e.updatedAt = now;
                    return e.<CatalogEntry>persist();
                }).flatMap(entry -> link(entry.publicId, m.id)));
    }

    private Uni<Void> link(String catalogId, String providerModelId) {
        return CatalogTarget.count("catalogId = ?1 and providerModelId = ?2", catalogId, providerModelId)
                .flatMap(n -> n > 0 ? Uni.createFrom().voidItem()
                        : CatalogTarget.<CatalogTarget>list("catalogId", catalogId).flatMap(existing -> {
                            CatalogTarget t = new CatalogTarget();
                            t.catalogId = catalogId;
                            t.providerModelId = providerModelId;
                            t.priority = existing.stream().mapToInt(x -> x.priority + 1).max().orElse(0);
                            return t.persist().replaceWithVoid();
                        }));
    }
}
