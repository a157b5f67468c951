package io.jansuite.inference.quota;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's quota ledger: on Redis when {@code app.redis.url} (REDIS_URL) is set, in memory otherwise. */
@ApplicationScoped
public class QuotaLedgerProducer {

    @Produces
    @Singleton
    QuotaLedger ledger(Vertx vertx, @ConfigProperty(name = "app.redis.url") Optional<String> redisUrl) {
        return new QuotaLedger(vertx, redisUrl.orElse(null));
    }

    void close(@Disposes QuotaLedger ledger) {
        ledger.close();
    }
}
