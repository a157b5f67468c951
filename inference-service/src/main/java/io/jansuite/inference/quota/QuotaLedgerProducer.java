package io.jansuite.inference.quota;

import io.jansuite.common.config.RedisConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's quota ledger: on Redis when {@code app.redis.url} (REDIS_URL) is set, in memory otherwise. */
@ApplicationScoped
public class QuotaLedgerProducer {

    @Produces
    @Singleton
    QuotaLedger ledger(Vertx vertx, RedisConfig redis) {
        return new QuotaLedger(vertx, redis.configured().orElse(null));
    }

    void close(@Disposes QuotaLedger ledger) {
        ledger.close();
    }
}
