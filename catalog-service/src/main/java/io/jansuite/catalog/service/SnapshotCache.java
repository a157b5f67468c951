package io.jansuite.catalog.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The catalog for readers, reloaded only when the version changed: a route lookup (one per chat completion)
 * costs one primary-key read. Writers on any replica bump the version in their transaction, so no replica
 * serves a stale catalog after the change committed. The cached entities are detached and never modified.
 */
@ApplicationScoped
public class SnapshotCache {

    private record Stamped(long version, CatalogSnapshot snapshot) {
    }

    @Inject
    CatalogVersion version;

    private volatile Stamped cached;

    /** Must run inside a session. */
    public Uni<CatalogSnapshot> current() {
        return version.current().flatMap(v -> {
            Stamped c = cached;
            if (c != null && c.version() == v) {
                return Uni.createFrom().item(c.snapshot());
            }
            return CatalogSnapshot.load().invoke(s -> {
                Stamped now = cached;
                if (now == null || now.version() <= v) {
                    cached = new Stamped(v, s);
                }
            });
        });
    }
}
