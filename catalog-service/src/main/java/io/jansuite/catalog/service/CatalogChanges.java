package io.jansuite.catalog.service;

import io.jansuite.common.config.RedisConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Tells the other replicas and the inference-service that the catalog changed: {@code PUBLISH
 * jansuite:catalog-changed <version>} after the change committed. Without {@code REDIS_URL} there is no client
 * and readers rely on long-polling {@code /internal/catalog/version?after=N} ({@link CatalogVersionWatch}), which
 * this also wakes. A failed publish is logged, never fatal.
 */
@ApplicationScoped
public class CatalogChanges {

    public static final String CHANNEL = "jansuite:catalog-changed";
    private static final Logger LOG = Logger.getLogger(CatalogChanges.class);

    @Inject
    Vertx vertx;

    @Inject
    CatalogVersion version;

    @Inject
    CatalogVersionWatch watch;

    @Inject
    RedisConfig redisConfig;

    private volatile Redis redis;

    /** Call after the writing transaction committed. */
    public void announce() {
        watch.committed(version.lastBumped());
        Redis client = client();
        if (client == null) {
            return;
        }
        String message = String.valueOf(version.lastBumped());
        client.send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(message))
                .onFailure(e -> LOG.warnf("could not publish the catalog change on Redis: %s", e.getMessage()));
    }

    private Redis client() {
        if (redisConfig.configured().isEmpty()) {
            return null;
        }
        if (redis == null) {
            synchronized (this) {
                if (redis == null) {
                    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisConfig.configured().get())
                            .setMaxPoolSize(2).setMaxPoolWaiting(32));
                }
            }
        }
        return redis;
    }

    void close(@Observes ShutdownEvent event) {
        if (redis != null) {
            redis.close();
        }
    }
}
