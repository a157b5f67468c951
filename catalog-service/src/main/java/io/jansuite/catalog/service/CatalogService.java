package io.jansuite.catalog.service;

import io.jansuite.catalog.CatalogEntry;
import io.jansuite.catalog.adminapi.BulkResult;
import io.jansuite.catalog.adminapi.CatalogView;
import io.jansuite.catalog.CatalogTarget;
import io.jansuite.catalog.adminapi.Change;
import io.jansuite.catalog.adminapi.AdminRequests.CatalogCreate;
import io.jansuite.catalog.adminapi.AdminRequests.CatalogPatch;
import io.jansuite.catalog.adminapi.AdminRequests.CatalogToggle;
import io.jansuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The catalog entries for admins: list, create, edit, switch. */
@ApplicationScoped
public class CatalogService {

    @Inject
    CatalogVersion version;

    @Inject
    SnapshotCache snapshots;

    @WithSession
    public Uni<List<CatalogView>> list(String provider, Boolean enabled) {
        return snapshots.current().map(s -> s.entries().stream()
                .filter(e -> enabled == null || e.enabled == enabled)
                .filter(e -> provider == null || provider.isBlank() || s.servingModels(e).stream()
                        .anyMatch(m -> CatalogSnapshot.matches(s.providers().get(m.providerId), provider)))
                .map(s::view)
                .toList());
    }

    @WithTransaction
    public Uni<BulkResult> toggle(CatalogToggle request) {
        return CatalogSnapshot.load().flatMap(s -> {
            Set<String> wanted = new LinkedHashSet<>(request.catalogIds());
            List<BulkResult.Item> changes = new ArrayList<>();
            Instant now = Instant.now();
            for (CatalogEntry e : s.entries()) {
                if (wanted.contains(e.publicId)) {
                    changes.add(new BulkResult.Item(e.publicId, e.enabled, request.enabled()));
                    if (e.enabled != request.enabled()) {
                        e.enabled = request.enabled();
                        e.updatedAt = now;
                    }
                }
            }
            BulkResult result = new BulkResult(changes.size(), changes);
            return changes.isEmpty() ? Uni.createFrom().item(result) : version.bump().replaceWith(result);
        });
    }

    /** A new public model served by existing provider models; 409 when the id is taken. */
    @WithTransaction
    public Uni<Change<CatalogView>> create(CatalogCreate request) {
        return CatalogSnapshot.load().flatMap(s -> {
            if (s.entries().stream().anyMatch(e -> e.publicId.equals(request.publicId()))) {
                throw ApiException.conflict("catalog_exists", "A catalog entry '" + request.publicId() + "' exists.", null);
            }
            List<String> targets = checkModels(s, request.models());
            Instant now = Instant.now();
            CatalogEntry e = new CatalogEntry();
            e.publicId = request.publicId();
            e.name = request.name() == null || request.name().isBlank() ? request.publicId() : request.name().trim();
            e.enabled = request.enabled() == null || request.enabled();
            e.capabilities = request.capabilities() == null ? new ArrayList<>() : new ArrayList<>(new LinkedHashSet<>(request.capabilities()));
            e.contextWindow = request.contextWindow();
            e.createdAt = now;
            e.updatedAt = now;
            return e.persist().call(Panache::flush).call(() -> link(e.publicId, targets)).call(version::bump)
                    .flatMap(ignored -> reread(e.publicId)).map(after -> new Change<>(null, after));
        });
    }

    /** Null when there is no such entry. */
    @WithTransaction
    public Uni<Change<CatalogView>> patch(String id, CatalogPatch request) {
        return CatalogSnapshot.load().flatMap(s -> {
            CatalogEntry e = s.entries().stream().filter(x -> x.publicId.equals(id)).findFirst().orElse(null);
            if (e == null) {
                return Uni.createFrom().nullItem();
            }
            CatalogView before = s.view(e);
            List<String> targets = request.models() == null ? null : checkModels(s, request.models());
            if (request.name() != null) {
                e.name = request.name().trim();
            }
            if (request.enabled() != null) {
                e.enabled = request.enabled();
            }
            if (request.capabilities() != null) {
                e.capabilities = new ArrayList<>(new LinkedHashSet<>(request.capabilities()));
            }
            if (request.contextWindow() != null) {
                e.contextWindow = request.contextWindow();
            }
            e.updatedAt = Instant.now();
            Uni<Void> relink = targets == null ? Uni.createFrom().voidItem()
                    : CatalogTarget.delete("catalogId", id).replaceWith(link(id, targets));
            return relink.call(version::bump).flatMap(ignored -> reread(id)).map(after -> new Change<>(before, after));
        });
    }

    /** The pmdl_ ids, checked to exist, without repeats; 400 naming the first unknown one. */
    private static List<String> checkModels(CatalogSnapshot s, List<String> ids) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        for (int i = 0; i < ids.size(); i++) {
            if (!s.models().containsKey(ids.get(i))) {
                throw ApiException.badRequest("invalid_value", "models[" + i + "] is not a provider model id (pmdl_…).",
                        "models[" + i + "]");
            }
        }
        return unique;
    }

    private static Uni<Void> link(String catalogId, List<String> providerModelIds) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < providerModelIds.size(); i++) {
            CatalogTarget t = new CatalogTarget();
            t.catalogId = catalogId;
            t.providerModelId = providerModelIds.get(i);
            t.priority = i;
            chain = chain.call(() -> t.persist());
        }
        return chain;
    }

    private static Uni<CatalogView> reread(String id) {
        return Panache.flush().flatMap(ignored -> CatalogSnapshot.load()).map(s -> s.view(
                s.entries().stream().filter(x -> x.publicId.equals(id)).findFirst().orElseThrow()));
    }
}
