package io.jansuite.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jansuite.inference.neighbour.CatalogChangeNotices;
import io.jansuite.inference.neighbour.Route;
import io.jansuite.inference.neighbour.RouteCache;
import io.jansuite.testing.LocalServices;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The route cache: entries served while their catalog version is current, and while the catalog cannot answer. */
class RouteCacheTest {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicBoolean catalogDown = new AtomicBoolean();
    private final Function<String, Uni<Route>> catalog = model -> {
        lookups.incrementAndGet();
        if (catalogDown.get()) {
            return Uni.createFrom().failure(new IllegalStateException("catalog down"));
        }
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
    void entriesAreServedUntilTheVersionChanges() {
        RouteCache cache = new RouteCache();
        cache.versionSeen(7);
        find(cache, "m1");
        find(cache, "m1");
        assertNull(find(cache, "unknown-1"));
        assertNull(find(cache, "unknown-1"));
        assertEquals(2, lookups.get(), "one lookup per model, unknown models included");
        cache.versionSeen(8);
        find(cache, "m1");
        find(cache, "m1");
        assertEquals(3, lookups.get(), "after a change the route is looked up again, once");
    }

    @Test
    void beforeTheVersionIsKnownEveryLookupAsksTheCatalog() {
        RouteCache cache = new RouteCache();
        find(cache, "m1");
        find(cache, "m1");
        assertEquals(2, lookups.get());
    }

    @Test
    void theLastKnownRouteIsServedWhileTheCatalogFails() throws InterruptedException {
        RouteCache cache = new RouteCache();
        cache.versionSeen(3);
        find(cache, "m1");
        assertEquals(0.0, cache.staleSeconds());
        cache.versionAnnounced(4);
        catalogDown.set(true);
        Thread.sleep(20);
        assertEquals("m1", find(cache, "m1").model(), "stale-if-error");
        assertTrue(cache.staleSeconds() > 0, "staleness is reported");
        assertEquals("m1", find(cache, "m1").model());
        assertEquals(2, lookups.get(), "while stale, known routes are served without asking");
        assertThrows(IllegalStateException.class, () -> find(cache, "never-seen"));
        catalogDown.set(false);
        cache.versionSeen(4);
        assertEquals(0.0, cache.staleSeconds());
        find(cache, "m1");
        assertEquals(4, lookups.get(), "fresh again: the changed version is looked up");
    }

    @Test
    void aChangeNoticeOnRedisAnnouncesTheNewVersion() throws Exception {
        assumeTrue(LocalServices.redisAvailable(), "no Redis on 127.0.0.1:6379");
        AtomicLong heard = new AtomicLong();
        CatalogChangeNotices notices = new CatalogChangeNotices(vertx, LocalServices.redisUrl(), heard::set);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!notices.listening() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(notices.listening(), "subscribed");
        Redis publisher = Redis.createClient(vertx, LocalServices.redisUrl());
        long version = System.nanoTime();
        publisher.send(Request.cmd(Command.PUBLISH).arg(CatalogChangeNotices.CHANNEL).arg(String.valueOf(version)))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (heard.get() != version && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(version, heard.get());
        publisher.close();
        notices.close();
    }
}
