package io.jansuite.auth.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code last_used_at} without a write per request: uses are noted in memory and written in one batch every
 * {@code app.auth.key-usage-flush}. Other services verify through a cache, so the time is approximate (to
 * within the cache lifetime plus the flush interval).
 */
@ApplicationScoped
public class KeyUsageRecorder {

    private static final Logger LOG = Logger.getLogger(KeyUsageRecorder.class);

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    @Inject
    Pool pool;

    public void used(String keyId) {
        pending.put(keyId, Clock.now());
    }

    @Scheduled(every = "${app.auth.key-usage-flush:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        for (String keyId : List.copyOf(pending.keySet())) {
            Instant at = pending.remove(keyId);
            if (at != null) {
                batch.add(Tuple.of(at.atOffset(ZoneOffset.UTC), keyId));
            }
        }
        return pool.preparedQuery("UPDATE auth.api_keys SET last_used_at = $1 WHERE id = $2 "
                + "AND (last_used_at IS NULL OR last_used_at < $1)").executeBatch(batch)
                .onFailure().invoke(e -> LOG.warnf("could not record API key use: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
