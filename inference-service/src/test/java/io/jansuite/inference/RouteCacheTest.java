package io.jansuite.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jansuite.inference.client.Route;
import io.jansuite.inference.client.RouteCache;
import io.jansuite.testing.LocalServices;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The route cache: served from memory only while the catalog's change notices are heard, emptied by each. */
class RouteCacheTest {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger lookups = new AtomicInteger();
    private final Function<String, Uni<Route>> catalog = model -> {
        lookups.incrementAndGet();
        return Uni.createFrom().item(model.startsWith("unknown") ? null : new Route(model, model, true, List.of()));
    };

    @AfterEach
    void close() {
        vertx.close();
    }

    private Route find(RouteCache cache, String model) {
        return cache.find(model, catalog).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aChangeNoticeEmptiesTheCacheOfEveryReplica() throws Exception {
        assumeTrue(LocalServices.redisAvailable(), "no Redis on 127.0.0.1:6379");
        RouteCache a = new RouteCache(vertx, LocalServices.redisUrl(), Duration.ofMinutes(5));
        RouteCache b = new RouteCache(vertx, LocalServices.redisUrl(), Duration.ofMinutes(5));
        awaitActive(a);
        awaitActive(b);
        find(a, "m1");
        find(a, "m1");
        assertNull(find(a, "unknown-1"));
        assertNull(find(a, "unknown-1"));
        find(b, "m1");
        assertEquals(3, lookups.get(), "one lookup per model and replica, unknown models included");

        Redis publisher = Redis.createClient(vertx, LocalServices.redisUrl());
        publisher.send(Request.cmd(Command.PUBLISH).arg(RouteCache.CHANNEL).arg("42"))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (lookups.get() < 5 && System.nanoTime() < deadline) {
            find(a, "m1");
            find(b, "m1");
            Thread.sleep(10);
        }
        assertEquals(5, lookups.get(), "after the notice each replica asks the catalog again, once");
        publisher.close();
        a.close();
        b.close();
    }

    @Test
    void withoutRedisEveryCompletionAsksTheCatalog() {
        RouteCache cache = new RouteCache(vertx, null, Duration.ofMinutes(5));
        assertFalse(cache.active());
        find(cache, "m1");
        find(cache, "m1");
        assertEquals(2, lookups.get());
    }

    @Test
    void unreachableRedisMeansNoCache() throws InterruptedException {
        RouteCache cache = new RouteCache(vertx, "redis://127.0.0.1:1", Duration.ofMinutes(5));
        Thread.sleep(300);
        assertFalse(cache.active());
        find(cache, "m1");
        find(cache, "m1");
        assertEquals(2, lookups.get());
        cache.close();
    }

    private static void awaitActive(RouteCache cache) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!cache.active() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(true, cache.active(), "subscribed to the change notices");
    }
}
