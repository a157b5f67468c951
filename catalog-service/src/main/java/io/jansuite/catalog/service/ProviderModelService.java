package io.jansuite.catalog.service;

import io.jansuite.catalog.ProviderModel;
import io.jansuite.catalog.adminapi.BulkResult;
import io.jansuite.catalog.adminapi.Change;
import io.jansuite.catalog.adminapi.ProviderModelView;
import io.jansuite.catalog.adminapi.AdminRequests.ModelToggle;
import io.jansuite.catalog.adminapi.AdminRequests.ProviderModelPatch;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Provider models: listing, lookup by upstream id or pmdl_ id, edits and bulk toggles. */
@ApplicationScoped
public class ProviderModelService {

    @Inject
    CatalogVersion version;

    @Inject
    SnapshotCache snapshots;

    @WithSession
    public Uni<ListEnvelope<ProviderModelView>> list(String provider, Boolean enabled, Page page) {
        return snapshots.current().map(s -> {
            List<ProviderModelView> all = s.models().values().stream()
                    .filter(m -> CatalogSnapshot.matches(s.providers().get(m.providerId), provider))
                    .filter(m -> enabled == null || m.enabled == enabled)
                    .map(s::view)
                    .toList();
            List<ProviderModelView> slice = all.stream().skip(page.offset()).limit(page.limit()).toList();
            return ListEnvelope.of(slice, all.size(), page);
        });
    }

    /** The model, or null when none has this id; 409 when an upstream id names several. */
    @WithSession
    public Uni<ProviderModelView> get(String ref) {
        return snapshots.current().map(s -> {
            ProviderModel m = resolve(s, ref);
            return m == null ? null : s.view(m);
        });
    }

    /** Null when there is no such model. */
    @WithTransaction
    public Uni<Change<ProviderModelView>> patch(String ref, ProviderModelPatch patch) {
        return CatalogSnapshot.load().flatMap(s -> {
            ProviderModel m = resolve(s, ref);
            if (m == null) {
                return Uni.createFrom().nullItem();
            }
            ProviderModelView before = s.view(m);
            if (patch.enabled() != null) {
                m.enabled = patch.enabled();
            }
            if (patch.defaultTemperature() != null) {
                m.defaultTemperature = patch.defaultTemperature();
            }
            if (patch.rateLimit() != null) {
                m.requestsPerMinute = patch.rateLimit().requestsPerMinute();
            }
            if (patch.pricing() != null && patch.pricing().inputPerMillionUsd() != null) {
                m.inputPricePerMillionUsd = patch.pricing().inputPerMillionUsd();
            }
            if (patch.pricing() != null && patch.pricing().outputPerMillionUsd() != null) {
                m.outputPricePerMillionUsd = patch.pricing().outputPerMillionUsd();
            }
            if (patch.tags() != null) {
                m.tags = new ArrayList<>(new LinkedHashSet<>(patch.tags()));
            }
            if (patch.contextWindow() != null) {
                m.contextWindow = patch.contextWindow();
            }
            if (patch.capabilities() != null) {
                m.capabilities = new ArrayList<>(new LinkedHashSet<>(patch.capabilities()));
            }
            m.updatedAt = Instant.now();
            return version.bump().map(v -> new Change<>(before, s.view(m)));
        });
    }

    /** Every model named (by pmdl_ id, or every model with that upstream id) gets the switch; unknown ids are skipped. */
    @WithTransaction
    public Uni<BulkResult> toggle(ModelToggle request) {
        return CatalogSnapshot.load().flatMap(s -> {
            Set<String> wanted = new LinkedHashSet<>(request.modelIds());
            List<BulkResult.Item> changes = new ArrayList<>();
            Instant now = Instant.now();
            for (ProviderModel m : s.models().values()) {
                if (wanted.contains(m.id) || wanted.contains(m.modelId)) {
                    changes.add(new BulkResult.Item(m.id, m.enabled, request.enabled()));
                    if (m.enabled != request.enabled()) {
                        m.enabled = request.enabled();
                        m.updatedAt = now;
                    }
                }
            }
            BulkResult result = new BulkResult(changes.size(), changes);
            return changes.isEmpty() ? Uni.createFrom().item(result) : version.bump().replaceWith(result);
        });
    }

    static ProviderModel resolve(CatalogSnapshot s, String ref) {
        if (ref.startsWith("pmdl_")) {
            return s.models().get(ref);
        }
        List<ProviderModel> named = s.models().values().stream().filter(m -> m.modelId.equals(ref)).toList();
        if (named.size() > 1) {
            throw ApiException.conflict("ambiguous_model",
                    "Several providers serve '" + ref + "': name one by its pmdl_ id.",
                    Map.of("candidates", named.stream().map(s::view).map(v -> Map.of(
                            "id", v.id(), "model_id", v.modelId(), "provider", String.valueOf(v.provider()))).toList()));
        }
        return named.isEmpty() ? null : named.get(0);
    }
}
