package io.jansuite.inference.neighbour;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Routes kept in memory, each stamped with the catalog version it was looked up at. An entry is served while
 * its version is the catalog's current one (learnt by {@link CatalogVersionFollower} and, faster, by
 * {@link CatalogChangeNotices}); after a change the next completion looks the route up again. While the catalog
 * cannot be asked (its version poll or a lookup failed) the last known routes are served as they are
 * (stale-if-error) and {@link #staleSeconds()} says for how long; a model never seen before then fails.
 */
public class RouteCache {

    /** The version is not known yet: nothing is served from memory unless the catalog is unreachable. */
    static final long UNKNOWN = -1;

    private record Entry(Optional<Route> route, long version) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile long version = UNKNOWN;
    private volatile boolean stale;
    private volatile long freshAtNanos = System.nanoTime();

    public Uni<Route> find(String model, Function<String, Uni<Route>> lookup) {
        Entry hit = entries.get(model);
        long current = version;
        if (hit != null && (stale || (current != UNKNOWN && hit.version() == current))) {
            return Uni.createFrom().item(hit.route().orElse(null));
        }
        return lookup.apply(model)
                .invoke(route -> entries.put(model, new Entry(Optional.ofNullable(route), current)))
                .onFailure().recoverWithUni(e -> {
                    unreachable();
                    return hit == null ? Uni.createFrom().failure(e) : Uni.createFrom().item(hit.route().orElse(null));
                });
    }

    /** The catalog answered with its version: entries of another version are looked up again. */
    public void versionSeen(long seen) {
        version = seen;
        freshAtNanos = System.nanoTime();
        stale = false;
    }

    /** A newer version was announced (a change notice); the next version poll confirms the catalog is up. */
    public void versionAnnounced(long announced) {
        if (announced > version) {
            version = announced;
        }
    }

    /** The catalog could not be asked: keep serving what is known. */
    public void unreachable() {
        stale = true;
    }

    /** How long the routes served have not been confirmed by the catalog: 0 while it answers. */
    public double staleSeconds() {
        return stale ? (System.nanoTime() - freshAtNanos) / 1e9 : 0;
    }

    public long version() {
        return version;
    }
}
