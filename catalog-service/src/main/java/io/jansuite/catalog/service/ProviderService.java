package io.jansuite.catalog.service;

import io.jansuite.catalog.Provider;
import io.jansuite.catalog.api.Change;
import io.jansuite.catalog.api.ProviderModelView;
import io.jansuite.catalog.api.ProviderView;
import io.jansuite.catalog.api.SyncResult;
import io.jansuite.catalog.api.Requests.ModelSeed;
import io.jansuite.catalog.api.Requests.ProviderCreate;
import io.jansuite.catalog.api.Requests.ProviderPatch;
import io.jansuite.catalog.client.UpstreamModels;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.http.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

/** Providers: create, edit (the key is encrypted here), delete with their models, and sync from upstream. */
@ApplicationScoped
public class ProviderService {

    @Inject
    ProviderKeyCipher cipher;

    @Inject
    CatalogVersion version;

    @Inject
    ModelImporter importer;

    @Inject
    UpstreamModels upstream;

    public static ProviderView view(Provider p) {
        return new ProviderView(p.id, p.name, p.type, p.baseUrl, p.enabled, p.apiKeyEncrypted != null,
                p.settings, p.createdAt, p.updatedAt);
    }

    @WithSession
    public Uni<List<ProviderView>> list() {
        return Provider.<Provider>list("order by name").map(ps -> ps.stream().map(ProviderService::view).toList());
    }

    @WithSession
    public Uni<ProviderView> get(String id) {
        return Provider.<Provider>findById(id).map(p -> p == null ? null : view(p));
    }

    @WithTransaction
    public Uni<Change<ProviderView>> create(ProviderCreate request) {
        checkBaseUrl(request.type(), request.baseUrl());
        return Provider.count("lower(name) = lower(?1)", request.name().trim()).flatMap(n -> {
            if (n > 0) {
                throw ApiException.conflict("provider_exists", "A provider with this name exists.", null);
            }
            Instant now = Instant.now();
            Provider p = new Provider();
            p.id = Ids.next("prov");
            p.name = request.name().trim();
            p.type = request.type();
            p.baseUrl = blankToNull(request.baseUrl());
            p.apiKeyEncrypted = request.apiKey() == null || request.apiKey().isBlank() ? null : cipher.encrypt(request.apiKey());
            p.enabled = request.enabled() == null || request.enabled();
            p.settings = request.settings() == null ? new HashMap<>() : new HashMap<>(request.settings());
            p.createdAt = now;
            p.updatedAt = now;
            Uni<Void> models = Uni.createFrom().voidItem();
            for (ModelSeed seed : request.models() == null ? List.<ModelSeed>of() : request.models()) {
                models = models.call(() -> importer.importModel(p, new ModelImporter.Seed(seed.modelId(), seed.name(),
                        seed.contextWindow(), seed.capabilities())));
            }
            Uni<Void> seeded = models;
            return p.persist().call(Panache::flush).call(() -> seeded).call(version::bump)
                    .replaceWith(() -> new Change<>(null, view(p)));
        });
    }

    /** Null when there is no such provider. {@code api_key: ""} removes the key. */
    @WithTransaction
    public Uni<Change<ProviderView>> patch(String id, ProviderPatch request) {
        return Provider.<Provider>findById(id).flatMap(p -> {
            if (p == null) {
                return Uni.createFrom().nullItem();
            }
            ProviderView before = view(p);
            Uni<Long> clash = request.name() == null ? Uni.createFrom().item(0L)
                    : Provider.count("lower(name) = lower(?1) and id <> ?2", request.name().trim(), id);
            return clash.flatMap(n -> {
                if (n > 0) {
                    throw ApiException.conflict("provider_exists", "A provider with this name exists.", null);
                }
                if (request.name() != null) {
                    p.name = request.name().trim();
                }
                if (request.baseUrl() != null) {
                    checkBaseUrl(p.type, request.baseUrl());
                    // the stored key was given for the old host: it is never sent to a new one
                    if (p.apiKeyEncrypted != null && request.apiKey() == null
                            && !java.util.Objects.equals(blankToNull(request.baseUrl()), p.baseUrl)) {
                        throw ApiException.badRequest("api_key_required",
                                "Changing base_url needs the provider's api_key again (or \"\" for none).", "api_key");
                    }
                    p.baseUrl = blankToNull(request.baseUrl());
                }
                if (request.apiKey() != null) {
                    p.apiKeyEncrypted = request.apiKey().isBlank() ? null : cipher.encrypt(request.apiKey());
                }
                if (request.enabled() != null) {
                    p.enabled = request.enabled();
                }
                if (request.settings() != null) {
                    HashMap<String, Object> merged = new HashMap<>(p.settings == null ? new HashMap<>() : p.settings);
                    merged.putAll(request.settings());
                    p.settings = merged;
                }
                p.updatedAt = Instant.now();
                return version.bump().replaceWith(() -> new Change<>(before, view(p)));
            });
        });
    }

    /** Null when there is no such provider; its models and their catalog links go with it. */
    @WithTransaction
    public Uni<Change<ProviderView>> delete(String id) {
        return Provider.<Provider>findById(id).flatMap(p -> p == null ? Uni.createFrom().nullItem()
                : p.delete().call(version::bump).replaceWith(() -> new Change<>(view(p), null)));
    }

    /**
     * The provider's models after importing the upstream's list; a simulator has nothing to import. The
     * upstream is read outside any transaction; the import is one transaction.
     */
    public Uni<SyncResult> sync(String id) {
        return Panache.withSession(() -> Provider.<Provider>findById(id)).flatMap(p -> {
            if (p == null) {
                return Uni.createFrom().nullItem();
            }
            if (Provider.SIMULATOR.equals(p.type)) {
                return models(id).map(after -> new SyncResult(view(p), 0, after));
            }
            return models(id).flatMap(before -> upstream.list(p.type, p.baseUrl, cipher.decrypt(p.apiKeyEncrypted))
                    .flatMap(ids -> importAll(id, ids))
                    .flatMap(ignored -> models(id))
                    .map(after -> new SyncResult(view(p), after.size() - before.size(), after)));
        });
    }

    private Uni<Void> importAll(String providerId, List<String> ids) {
        return Panache.withTransaction(() -> Provider.<Provider>findById(providerId).flatMap(p -> {
            if (p == null) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String modelId : ids) {
                chain = chain.call(() -> importer.importModel(p, new ModelImporter.Seed(modelId, modelId, null, List.of())));
            }
            return chain.call(version::bump).replaceWithVoid();
        }));
    }

    private Uni<List<ProviderModelView>> models(String providerId) {
        return Panache.withSession(() -> CatalogSnapshot.load().map(s -> s.models().values().stream()
                .filter(m -> m.providerId.equals(providerId)).map(s::view).toList()));
    }

    private static void checkBaseUrl(String type, String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            if (!Provider.SIMULATOR.equals(type) && type != null) {
                throw ApiException.badRequest("invalid_value", "base_url is required for this provider type.", "base_url");
            }
            return;
        }
        try {
            URI uri = URI.create(baseUrl.trim());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_value", "base_url must be an http(s) URL.", "base_url");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
