package io.jansuite.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jansuite.inference.service.RateDecision;
import io.jansuite.inference.service.RateLimiter;
import io.jansuite.testing.LocalServices;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limiter itself: one window shared through the real Redis by every replica, memory without it. */
class RedisRateLimiterTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private static RateDecision acquire(RateLimiter limiter, String key, int limit) {
        return limiter.acquire(key, limit).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void twoReplicasSharingRedisCountAgainstOneLimit() {
        assumeTrue(LocalServices.redisAvailable(), "no Redis on 127.0.0.1:6379");
        RateLimiter a = new RateLimiter(vertx, LocalServices.redisUrl());
        RateLimiter b = new RateLimiter(vertx, LocalServices.redisUrl());
        String key = "test-" + UUID.randomUUID();
        assertTrue(a.shared());
        assertEquals(2, acquire(a, key, 3).remaining());
        assertEquals(1, acquire(b, key, 3).remaining());
        assertEquals(0, acquire(a, key, 3).remaining());
        RateDecision refused = acquire(b, key, 3);
        assertFalse(refused.allowed());
        assertTrue(refused.resetMs() > 0 && refused.resetMs() <= 60_000, "window ends within a minute");
        assertTrue(acquire(a, "other-" + key, 3).allowed(), "another model has its own window");
        a.close();
        b.close();
    }

    @Test
    void withoutRedisEachReplicaCountsInMemory() {
        RateLimiter a = new RateLimiter(vertx, null);
        RateLimiter b = new RateLimiter(vertx, "");
        String key = "mem-" + UUID.randomUUID();
        assertTrue(acquire(a, key, 1).allowed());
        assertFalse(acquire(a, key, 1).allowed());
        assertTrue(acquire(b, key, 1).allowed());
    }

    @Test
    void unreachableRedisFallsBackToMemory() {
        RateLimiter limiter = new RateLimiter(vertx, "redis://127.0.0.1:1");
        String key = "down-" + UUID.randomUUID();
        assertTrue(acquire(limiter, key, 1).allowed());
        assertFalse(acquire(limiter, key, 1).allowed());
        limiter.close();
    }

    @Test
    void noLimitIsAlwaysAllowed() {
        RateLimiter limiter = new RateLimiter(vertx, null);
        assertTrue(acquire(limiter, "x", 0).allowed());
        assertTrue(limiter.acquire("x", null).await().indefinitely().allowed());
    }
}
