package io.jansuite.inference.client;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Routes kept in memory while, and only while, this replica hears the catalog's change notices: every
 * message on the Redis channel {@code jansuite:catalog-changed} (published by the catalog-service after each
 * committed change) empties the cache, so the next completion sees the change. Without Redis, or while the
 * subscription is down, every lookup goes to the catalog-service. Entries also expire after {@code ttl}, a
 * safety net, not the mechanism.
 */
public class RouteCache implements AutoCloseable {

    public static final String CHANNEL = "jansuite:catalog-changed";
    private static final Logger LOG = Logger.getLogger(RouteCache.class);

    private record Entry(Optional<Route> route, long loadedAt) {
    }

    private final Vertx vertx;
    private final Redis redis;
    private final long ttlNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean listening;
    private volatile boolean closed;
    private volatile RedisConnection connection;

    /** {@code redisUrl} null or blank: no cache at all. */
    public RouteCache(Vertx vertx, String redisUrl, Duration ttl) {
        this.vertx = vertx;
        this.ttlNanos = ttl.toNanos();
        this.redis = redisUrl == null || redisUrl.isBlank() ? null
                : Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
        if (redis != null) {
            subscribe();
        }
    }

    /** Whether lookups are being served from memory (the change notices are being heard). */
    public boolean active() {
        return listening;
    }

    public Uni<Route> find(String model, Function<String, Uni<Route>> lookup) {
        if (!listening) {
            return lookup.apply(model);
        }
        Entry hit = entries.get(model);
        long now = System.nanoTime();
        if (hit != null && now - hit.loadedAt() < ttlNanos) {
            return Uni.createFrom().item(hit.route().orElse(null));
        }
        return lookup.apply(model).invoke(route -> {
            if (listening) {
                entries.put(model, new Entry(Optional.ofNullable(route), now));
            }
        });
    }

    private void subscribe() {
        redis.connect().onSuccess(conn -> {
            connection = conn;
            conn.handler(message -> entries.clear());
            conn.exceptionHandler(e -> lost("failed: " + e.getMessage()));
            conn.endHandler(v -> lost("closed"));
            conn.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL)).onSuccess(ok -> {
                entries.clear();
                listening = true;
                LOG.infof("routes cached, invalidated by Redis channel %s", CHANNEL);
            }).onFailure(e -> lost("SUBSCRIBE failed: " + e.getMessage()));
        }).onFailure(e -> lost("unreachable: " + e.getMessage()));
    }

    private void lost(String why) {
        boolean was = listening;
        listening = false;
        entries.clear();
        if (was) {
            LOG.warnf("catalog change notices lost (Redis %s): looking routes up on every request", why);
        }
        if (!closed) {
            vertx.setTimer(1_000, id -> {
                if (!closed && !listening) {
                    subscribe();
                }
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        listening = false;
        if (connection != null) {
            connection.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
