package io.jansuite.inference.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jansuite.testing.LocalServices;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger itself: all-or-nothing reservations and settling, shared through the real Redis by two replicas (two
 * ledgers, two Redis clients), and the same in one replica's memory without it.
 */
class QuotaLedgerTest {

    private static final long HOUR = 3_600_000;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private static QuotaLedger.Counter budget(String key, long limit, long amount) {
        return new QuotaLedger.Counter(key, limit, amount, System.currentTimeMillis() + HOUR);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    /** 50 calls at once, split over two replicas, against a budget of 10 calls' worst case: 10 pass. */
    @Test
    void fiftyConcurrentReservationsOnTwoReplicasSharingRedisPassTenOfABudgetForTen() throws Exception {
        assumeTrue(LocalServices.redisAvailable(), "no Redis on 127.0.0.1:6379");
        QuotaLedger a = new QuotaLedger(vertx, LocalServices.redisUrl());
        QuotaLedger b = new QuotaLedger(vertx, LocalServices.redisUrl());
        assertTrue(a.shared() && b.shared());
        String spend = "test:quota:{" + UUID.randomUUID() + "}:spend";
        long worst = 138_000; // nano-USD
        long used = 97_000;
        List<QuotaLedger.Outcome> outcomes = concurrently(50, i -> {
            QuotaLedger ledger = i % 2 == 0 ? a : b;
            List<QuotaLedger.Counter> counters = List.of(budget(spend, 10 * worst, worst));
            QuotaLedger.Outcome o = await(ledger.reserve(counters));
            return o;
        });
        long allowed = outcomes.stream().filter(QuotaLedger.Outcome::allowed).count();
        assertEquals(10, allowed, "exactly the budget's ten worst cases are reserved");
        outcomes.stream().filter(o -> !o.allowed()).forEach(o -> assertEquals(0, o.refused()));
        assertEquals(10 * worst, await(a.value(spend)));
        // settle every allowed call with its real cost, half on each replica
        int i = 0;
        for (QuotaLedger.Outcome o : outcomes) {
            if (o.allowed()) {
                await((i++ % 2 == 0 ? a : b).settle(List.of(budget(spend, 0, 0)), new long[] { used - worst }, true));
            }
        }
        assertEquals(10 * used, await(b.value(spend)), "spend is what the calls really cost");
        a.close();
        b.close();
    }

    @Test
    void aReservationAddsToEveryCounterOrToNone() {
        assumeTrue(LocalServices.redisAvailable(), "no Redis on 127.0.0.1:6379");
        QuotaLedger ledger = new QuotaLedger(vertx, LocalServices.redisUrl());
        allOrNothing(ledger);
        ledger.close();
    }

    @Test
    void inMemoryTheSameHoldsWithinOneReplica() throws Exception {
        QuotaLedger ledger = new QuotaLedger(vertx, null);
        assertFalse(ledger.shared());
        allOrNothing(ledger);
        String spend = "mem:" + UUID.randomUUID();
        List<QuotaLedger.Outcome> outcomes = concurrently(50, i -> await(ledger.reserve(List.of(budget(spend, 10, 1)))));
        assertEquals(10, outcomes.stream().filter(QuotaLedger.Outcome::allowed).count());
        QuotaLedger other = new QuotaLedger(vertx, "");
        assertTrue(await(other.reserve(List.of(budget(spend, 10, 1)))).allowed(), "another replica counts on its own");
    }

    @Test
    void unreachableRedisFallsBackToMemoryAndSettlesThere() {
        QuotaLedger ledger = new QuotaLedger(vertx, "redis://127.0.0.1:1");
        String key = "down:" + UUID.randomUUID();
        QuotaLedger.Outcome first = await(ledger.reserve(List.of(budget(key, 5, 5))));
        assertTrue(first.allowed());
        assertFalse(first.shared());
        assertFalse(await(ledger.reserve(List.of(budget(key, 5, 1)))).allowed());
        await(ledger.settle(List.of(budget(key, 5, 0)), new long[] { -3 }, false));
        assertTrue(await(ledger.reserve(List.of(budget(key, 5, 3)))).allowed(), "the released tokens are free again");
        ledger.close();
    }

    private static void allOrNothing(QuotaLedger ledger) {
        String base = "test:quota:{" + UUID.randomUUID() + "}:";
        QuotaLedger.Counter requests = budget(base + "rpm", 5, 1);
        QuotaLedger.Counter tokens = budget(base + "tpm", 100, 80);
        QuotaLedger.Outcome first = await(ledger.reserve(List.of(requests, tokens)));
        assertTrue(first.allowed());
        assertEquals(1, first.used()[0]);
        assertEquals(80, first.used()[1]);
        QuotaLedger.Outcome second = await(ledger.reserve(List.of(requests, tokens)));
        assertFalse(second.allowed());
        assertEquals(1, second.refused(), "the tokens counter refused");
        assertEquals(1, await(ledger.value(base + "rpm")), "the refused call added no request either");
        assertEquals(80, second.used()[1]);
        // settled: 30 tokens used of 80 reserved; now 50 more fit
        await(ledger.settle(List.of(requests, tokens), new long[] { 0, -50 }, ledger.shared()));
        assertEquals(30, await(ledger.value(base + "tpm")));
        QuotaLedger.Counter fifty = budget(base + "tpm", 100, 50);
        assertTrue(await(ledger.reserve(List.of(requests, fifty))).allowed());
        assertEquals(80, await(ledger.value(base + "tpm")));
    }

    private interface Call {
        QuotaLedger.Outcome run(int i) throws Exception;
    }

    private static List<QuotaLedger.Outcome> concurrently(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<QuotaLedger.Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                return call.run(index);
            }));
        }
        start.countDown();
        List<QuotaLedger.Outcome> out = new ArrayList<>();
        for (Future<QuotaLedger.Outcome> f : futures) {
            out.add(f.get());
        }
        pool.shutdown();
        return out;
    }
}
