package io.jansuite.inference.service;

import io.jansuite.common.config.RedisConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's rate limiter: on Redis when {@code app.redis.url} (REDIS_URL) is set. */
@ApplicationScoped
public class RateLimiterProducer {

    @Produces
    @Singleton
    RateLimiter rateLimiter(Vertx vertx, RedisConfig redis) {
        return new RateLimiter(vertx, redis.configured().orElse(null));
    }

    void close(@Disposes RateLimiter limiter) {
        limiter.close();
    }
}
