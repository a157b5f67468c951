package io.jansuite.inference.neighbour;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.LongFunction;
import org.jboss.logging.Logger;

/**
 * Follows the catalog's version by long-polling {@code GET /internal/catalog/version?after=N}: the catalog
 * answers as soon as the version differs (within ~250 ms of a change on any catalog replica), so a change
 * reaches every inference replica within a second without Redis. A failed poll marks the routes stale and is
 * retried after {@code retryAfter}.
 */
public class CatalogVersionFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CatalogVersionFollower.class);

    private final Vertx vertx;
    private final RouteCache cache;
    private final LongFunction<Uni<Long>> poll;
    private final Duration retryAfter;
    private volatile boolean closed;
    private volatile boolean failing;

    /** {@code poll}: the catalog's version once it differs from the argument (or after the catalog's wait). */
    public CatalogVersionFollower(Vertx vertx, RouteCache cache, LongFunction<Uni<Long>> poll, Duration retryAfter) {
        this.vertx = vertx;
        this.cache = cache;
        this.poll = poll;
        this.retryAfter = retryAfter;
    }

    public void start() {
        next();
    }

    private void next() {
        if (closed) {
            return;
        }
        Uni.createFrom().deferred(() -> poll.apply(cache.version())).subscribe().with(v -> {
            cache.versionSeen(v);
            if (failing) {
                failing = false;
                LOG.infof("catalog reachable again (version %d)", v);
            }
            next();
        }, e -> {
            cache.unreachable();
            if (!failing) {
                failing = true;
                LOG.warnf("catalog version poll failed, serving the last known routes: %s", e.toString());
            }
            if (!closed) {
                vertx.setTimer(retryAfter.toMillis(), id -> next());
            }
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}
