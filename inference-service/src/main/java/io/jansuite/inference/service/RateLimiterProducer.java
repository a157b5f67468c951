package io.jansuite.inference.service;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's rate limiter: on Redis when {@code app.redis.url} (REDIS_URL) is set. */
@ApplicationScoped
public class RateLimiterProducer {

    @Produces
    @Singleton
    RateLimiter rateLimiter(Vertx vertx, @ConfigProperty(name = "app.redis.url") Optional<String> redisUrl) {
        return new RateLimiter(vertx, redisUrl.orElse(null));
    }

    void close(@Disposes RateLimiter limiter) {
        limiter.close();
    }
}
