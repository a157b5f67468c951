package io.jansuite.catalog.service;

import io.jansuite.common.error.ApiException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Long-polls of the catalog's version ({@code GET /internal/catalog/version?after=N}): a poll whose version is
 * already different answers at once, the others wait until the version changes or {@code maxWait} passes.
 * Changes are seen at once when this replica committed them ({@link #committed}) and within
 * {@link #READ_EVERY} when another replica did (one primary-key read for all waiting polls, made only while
 * some wait). A failed read ends every waiting poll with 503, so followers learn that the catalog is stale.
 * The SQL client rather than a session: the read runs from a timer, outside any request.
 */
@ApplicationScoped
public class CatalogVersionWatch {

    static final Duration READ_EVERY = Duration.ofMillis(250);
    private static final String READ = "SELECT version FROM catalog.catalog_state WHERE id = 1";

    private record Waiter(long after, UniEmitter<? super Long> emitter) {
    }

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile long known = -1;
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(READ_EVERY.toMillis(), id -> {
            if (!waiters.isEmpty() && reading.compareAndSet(false, true)) {
                read().subscribe().with(v -> {
                    reading.set(false);
                    observed(v);
                }, e -> {
                    reading.set(false);
                    waiters.forEach(w -> w.emitter().fail(unavailable()));
                });
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        waiters.forEach(w -> w.emitter().complete(known));
    }

    /** The version once it differs from {@code after}, or the unchanged version after {@code maxWait}. */
    public Uni<Long> after(long after, Duration maxWait) {
        return read().onFailure().transform(e -> unavailable()).chain(now -> {
            observed(now);
            if (now != after) {
                return Uni.createFrom().item(now);
            }
            return Uni.createFrom().<Long>emitter(emitter -> {
                Waiter waiter = new Waiter(after, emitter);
                long expiry = vertx.setTimer(maxWait.toMillis(), id -> emitter.complete(known));
                emitter.onTermination(() -> {
                    waiters.remove(waiter);
                    vertx.cancelTimer(expiry);
                });
                waiters.add(waiter);
                if (known != after) {
                    emitter.complete(known);
                }
            });
        });
    }

    /** Called after this replica committed a change at {@code version}: waiting polls answer at once. */
    public void committed(long version) {
        observed(version);
    }

    private void observed(long version) {
        if (version > known) {
            known = version;
        }
        long v = known;
        waiters.forEach(w -> {
            if (w.after() != v) {
                w.emitter().complete(v);
            }
        });
    }

    private Uni<Long> read() {
        return pool.query(READ).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("catalog_unavailable", "The catalog's database is unavailable; try again shortly.");
    }
}
