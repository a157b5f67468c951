package io.jansuite.catalog.service;

import io.jansuite.catalog.CatalogState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.concurrent.atomic.AtomicLong;

/** The catalog's version: bumped inside every writing transaction, read by the inference-service to reload. */
@ApplicationScoped
public class CatalogVersion {

    private final AtomicLong lastBumped = new AtomicLong();

    /** Must run inside the writing transaction; the row lock orders concurrent writers. */
    public Uni<Long> bump() {
        return CatalogState.<CatalogState>findById(CatalogState.ROW, LockModeType.PESSIMISTIC_WRITE).map(state -> {
            state.version++;
            lastBumped.accumulateAndGet(state.version, Math::max);
            return state.version;
        });
    }

    /** Must run inside a session. */
    public Uni<Long> current() {
        return CatalogState.<CatalogState>findById(CatalogState.ROW).map(state -> state.version);
    }

    /** The highest version this instance wrote (a hint for the change message; readers refetch anyway). */
    public long lastBumped() {
        return lastBumped.get();
    }
}
