package io.jansuite.inference.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Requests per minute per provider model, in a fixed one-minute window that starts with its first request.
 * With Redis the window is one atomic counter shared by every replica (INCR + PEXPIRE in a script); without
 * it, or while Redis is unreachable, each replica counts in memory.
 */
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    static final long WINDOW_MS = 60_000;
    static final String KEY_PREFIX = "jansuite:ratelimit:";
    private static final String SCRIPT = "local c = redis.call('INCR', KEYS[1]) "
            + "if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
            + "local ttl = redis.call('PTTL', KEYS[1]) "
            + "if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end "
            + "return {c, ttl}";

    private final Redis redis;
    private volatile long lastWarning;
    private final Map<String, long[]> local = new ConcurrentHashMap<>();

    /** {@code redisUrl} null or blank: in memory only. */
    public RateLimiter(Vertx vertx, String redisUrl) {
        this.redis = redisUrl == null || redisUrl.isBlank() ? null
                : Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                        .setMaxPoolSize(16).setMaxPoolWaiting(1024));
    }

    public boolean shared() {
        return redis != null;
    }

    /** Counts one request for {@code key} against {@code limit} per minute; a limit of 0 or less is unlimited. */
    public Uni<RateDecision> acquire(String key, Integer limit) {
        if (limit == null || limit <= 0) {
            return Uni.createFrom().item(RateDecision.UNLIMITED);
        }
        if (redis == null) {
            return Uni.createFrom().item(inMemory(key, limit));
        }
        Request eval = Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(KEY_PREFIX + key).arg(WINDOW_MS);
        return Uni.createFrom().<Response>emitter(em -> redis.send(eval).onComplete(ar -> {
            if (ar.succeeded()) {
                em.complete(ar.result());
            } else {
                em.fail(ar.cause());
            }
        })).map(r -> RateDecision.of(r.get(0).toLong(), limit, r.get(1).toLong()))
                .onFailure().recoverWithItem(e -> {
                    long now = System.currentTimeMillis();
                    if (now - lastWarning > WINDOW_MS) {
                        lastWarning = now;
                        LOG.warnf("Redis unavailable for rate limits (%s): counting in memory", e.getMessage());
                    }
                    return inMemory(key, limit);
                });
    }

    private RateDecision inMemory(String key, int limit) {
        long now = System.currentTimeMillis();
        long[] seen = new long[2];
        local.compute(key, (k, w) -> {
            long[] window = w == null || now >= w[0] + WINDOW_MS ? new long[] { now, 0 } : w;
            window[1]++;
            seen[0] = window[0];
            seen[1] = window[1];
            return window;
        });
        return RateDecision.of(seen[1], limit, seen[0] + WINDOW_MS - now);
    }

    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
