package io.jansuite.auth.repository;

import io.jansuite.auth.Revocation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class RevocationRepository implements PanacheRepositoryBase<Revocation, Long> {

    /** Any constant: the advisory lock that serialises writers of the feed. */
    private static final long FEED_LOCK = 0x6a616e5f7265764cL;

    /**
     * Appends to the feed, in the caller's transaction. Writers take a transaction-wide advisory lock first,
     * so sequence numbers become visible in order: a poller that has seen seq N can never later miss a
     * smaller one committed after it.
     */
    public Uni<Revocation> append(String kind, String id, Instant at) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + FEED_LOCK + ")) l")
                        .getSingleResult())
                .chain(ignored -> {
                    Revocation r = new Revocation();
                    r.kind = kind;
                    r.id = id;
                    r.createdAt = at;
                    return persist(r);
                });
    }
}
