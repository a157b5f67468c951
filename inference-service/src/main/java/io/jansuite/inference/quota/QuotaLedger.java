package io.jansuite.inference.quota;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The counters quotas and budgets are reserved against: requests, tokens and spend (nano-USD) per user or key
 * in clock-aligned windows (a minute, a UTC day, a month). A reservation checks every counter of a request and
 * adds to all of them, or to none, in one step: with Redis one Lua script does it for every replica at once;
 * without Redis (or while it is unreachable) the same happens in this replica's memory, under one lock.
 * Settling adds the difference between what was reserved and what was used (negative: released).
 */
public class QuotaLedger {

    private static final Logger LOG = Logger.getLogger(QuotaLedger.class);
    /** Counters outlive their window this long, so the requests still in flight at its end can settle. */
    static final long GRACE_MS = 10 * 60_000L;
    private static final String RESERVE = "local n = #KEYS "
            + "local used = {} "
            + "for i = 1, n do "
            + "  local cur = tonumber(redis.call('GET', KEYS[i]) or '0') "
            + "  used[i] = cur "
            + "  if cur + tonumber(ARGV[3 * i - 1]) > tonumber(ARGV[3 * i - 2]) then "
            + "    local out = {0, i} "
            + "    for j = 1, n do out[j + 2] = used[j] or tonumber(redis.call('GET', KEYS[j]) or '0') end "
            + "    return out "
            + "  end "
            + "end "
            + "local out = {1, 0} "
            + "for i = 1, n do "
            + "  out[i + 2] = redis.call('INCRBY', KEYS[i], ARGV[3 * i - 1]) "
            + "  redis.call('PEXPIREAT', KEYS[i], ARGV[3 * i]) "
            + "end "
            + "return out";
    private static final String SETTLE = "for i = 1, #KEYS do "
            + "  if ARGV[i] ~= '0' and redis.call('EXISTS', KEYS[i]) == 1 then redis.call('INCRBY', KEYS[i], ARGV[i]) end "
            + "end "
            + "return 1";

    /** One counter of a request: its key, its limit, what this request adds, and when its window ends. */
    public record Counter(String key, long limit, long amount, long windowEndMs) {
    }

    /** Allowed or not; the index of the counter that refused; each counter's value after (or, refused, before). */
    public record Outcome(boolean allowed, int refused, long[] used, boolean shared) {
    }

    private final Redis redis;
    private final Map<String, long[]> local = new HashMap<>(); // key -> {value, expires at ms}
    private long reservationsSinceSweep;
    private volatile long lastWarning;

    /** {@code redisUrl} null or blank: in memory only. */
    public QuotaLedger(Vertx vertx, String redisUrl) {
        this.redis = redisUrl == null || redisUrl.isBlank() ? null
                : Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                        .setMaxPoolSize(16).setMaxPoolWaiting(1024));
    }

    public boolean shared() {
        return redis != null;
    }

    public Uni<Outcome> reserve(List<Counter> counters) {
        if (redis == null) {
            return Uni.createFrom().item(reserveLocally(counters));
        }
        Request eval = Request.cmd(Command.EVAL).arg(RESERVE).arg(counters.size());
        counters.forEach(c -> eval.arg(c.key()));
        counters.forEach(c -> eval.arg(c.limit()).arg(c.amount()).arg(c.windowEndMs() + GRACE_MS));
        return send(eval).map(r -> {
            long[] used = new long[counters.size()];
            for (int i = 0; i < used.length; i++) {
                used[i] = r.get(i + 2).toLong();
            }
            return new Outcome(r.get(0).toInteger() == 1, r.get(1).toInteger() - 1, used, true);
        }).onFailure().recoverWithItem(e -> {
            warn(e);
            return reserveLocally(counters);
        });
    }

    /** Adds {@code deltas[i]} to counter i where it still exists, in the store the reservation was made in. */
    public Uni<Void> settle(List<Counter> counters, long[] deltas, boolean shared) {
        boolean any = false;
        for (long d : deltas) {
            any |= d != 0;
        }
        if (!any) {
            return Uni.createFrom().voidItem();
        }
        if (!shared || redis == null) {
            settleLocally(counters, deltas);
            return Uni.createFrom().voidItem();
        }
        Request eval = Request.cmd(Command.EVAL).arg(SETTLE).arg(counters.size());
        counters.forEach(c -> eval.arg(c.key()));
        for (long d : deltas) {
            eval.arg(d);
        }
        return send(eval).replaceWithVoid().onFailure().invoke(e -> LOG.warnf(
                "Redis unavailable to settle a quota reservation (%s): its reserve stays until the window ends",
                e.getMessage())).onFailure().recoverWithNull();
    }

    private synchronized Outcome reserveLocally(List<Counter> counters) {
        long now = System.currentTimeMillis();
        if (++reservationsSinceSweep >= 10_000) {
            reservationsSinceSweep = 0;
            for (Iterator<long[]> it = local.values().iterator(); it.hasNext();) {
                if (it.next()[1] <= now) {
                    it.remove();
                }
            }
        }
        long[] used = new long[counters.size()];
        for (int i = 0; i < used.length; i++) {
            Counter c = counters.get(i);
            used[i] = value(c.key(), now);
            if (used[i] + c.amount() > c.limit()) {
                for (int j = i + 1; j < used.length; j++) {
                    used[j] = value(counters.get(j).key(), now);
                }
                return new Outcome(false, i, used, false);
            }
        }
        for (int i = 0; i < used.length; i++) {
            Counter c = counters.get(i);
            long[] cell = local.computeIfAbsent(c.key(), k -> new long[2]);
            if (cell[1] <= now) {
                cell[0] = 0;
            }
            cell[0] += c.amount();
            cell[1] = c.windowEndMs() + GRACE_MS;
            used[i] = cell[0];
        }
        return new Outcome(true, -1, used, false);
    }

    private synchronized void settleLocally(List<Counter> counters, long[] deltas) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < deltas.length; i++) {
            long[] cell = local.get(counters.get(i).key());
            if (cell != null && cell[1] > now) {
                cell[0] += deltas[i];
            }
        }
    }

    private long value(String key, long now) {
        long[] cell = local.get(key);
        return cell == null || cell[1] <= now ? 0 : cell[0];
    }

    /** The current value of a counter (for tests and reports of what is reserved): null when it has none. */
    public Uni<Long> value(String key) {
        if (redis == null) {
            synchronized (this) {
                return Uni.createFrom().item(value(key, System.currentTimeMillis()));
            }
        }
        return send(Request.cmd(Command.GET).arg(key)).map(r -> r == null ? 0L : r.toLong());
    }

    private Uni<Response> send(Request request) {
        return Uni.createFrom().emitter(em -> redis.send(request).onComplete(ar -> {
            if (ar.succeeded()) {
                em.complete(ar.result());
            } else {
                em.fail(ar.cause());
            }
        }));
    }

    private void warn(Throwable e) {
        long now = System.currentTimeMillis();
        if (now - lastWarning > 60_000) {
            lastWarning = now;
            LOG.warnf("Redis unavailable for quotas (%s): reserving in this replica's memory", e.getMessage());
        }
    }

    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
