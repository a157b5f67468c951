package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.upstream;
import static io.jansuite.inference.QuotaFixtures.limit;
import static io.jansuite.inference.QuotaFixtures.priced;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.provider.Target;
import io.jansuite.inference.quota.QuotaLedger;
import io.jansuite.inference.quota.QuotaPolicies;
import io.jansuite.inference.quota.Quotas;
import io.jansuite.inference.quota.Reservation;
import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.LocalServices;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Budgets exact across replicas sharing Redis: this service (REDIS_URL set) and a second replica's quota gate
 * (its own Redis client, the same limits) take 50 concurrent calls against a budget that allows 10; 10 pass
 * between them, and the spend is what the upstream reported.
 */
@QuarkusTest
@TestProfile(QuotaRedisTest.SharedRedis.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class QuotaRedisTest {

    public static class SharedRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.redis.url", LocalServices.redisUrl());
        }
    }

    @Inject
    QuotaPolicies policies;

    @Inject
    Vertx vertx;

    @Test
    void fiftyConcurrentCallsOnTwoReplicasAgainstABudgetForTenPassTen() throws Exception {
        assumeTrue(LocalServices.redisAvailable(), "no Redis on 127.0.0.1:6379");
        String user = TestTokens.newUserId();
        String token = TestTokens.user(user);
        // output at $10 per million, input free: max_tokens 10 reserves $0.0001, and the fake upstream reports
        // 10 output tokens, so each call costs exactly what it reserved
        String model = route(unique("redis"), priced(target("openai", upstream("openai", unique("up"))), 0, 10));
        limit("users", user, new JsonObject().put("daily_budget_usd", 0.001));
        QuotaLedger otherLedger = new QuotaLedger(vertx, LocalServices.redisUrl());
        Quotas otherReplica = new Quotas(policies, otherLedger);
        Caller caller = new Caller(user, Set.of("user"), Set.of("read", "write"), "ses_x", null, false, token);
        List<Target> targets = List.of(new Target("pmdl_x", "prov_x", "fake", "openai", null, null, "m", null, null,
                Map.of(), Map.of(), List.of(), BigDecimal.ZERO, BigDecimal.TEN));

        // warm the HTTP path first (another user), or the direct calls of the other replica always win the race
        String warm = TestTokens.user(TestTokens.newUserId());
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(warm).contentType("application/json").body(chat(model, "hi").encode())
                    .post("/v1/chat/completions").then().statusCode(200);
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> here = new ArrayList<>();
        List<Future<Boolean>> there = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long stagger = 3L * i;
            here.add(pool.submit(waiting(start, () -> {
                Response r = given().auth().oauth2(token).contentType("application/json")
                        .body(chat(model, "hi").put("max_tokens", 10).encode()).post("/v1/chat/completions");
                if (r.statusCode() == 429) {
                    assertEquals("budget_exceeded", r.jsonPath().getString("error.code"));
                    assertTrue(r.getHeader("Retry-After") != null);
                    return false;
                }
                assertEquals(200, r.statusCode(), r.asString());
                return true;
            })));
            there.add(pool.submit(waiting(start, () -> {
                Thread.sleep(stagger); // a direct call is quicker than an HTTP one: give both replicas a chance
                try {
                    Reservation reservation = otherReplica.reserve(caller, targets, 5, 10).await()
                            .atMost(Duration.ofSeconds(10));
                    reservation.settle(15, 100_000); // what its upstream reported: 10 output tokens
                    return true;
                } catch (ApiException e) {
                    assertEquals("budget_exceeded", e.code());
                    return false;
                }
            })));
        }
        start.countDown();
        long passedHere = count(here);
        long passedThere = count(there);
        pool.shutdown();
        System.out.printf("budget for 10 calls: %d passed here, %d on the other replica%n", passedHere, passedThere);
        assertEquals(10, passedHere + passedThere, "the budget allows ten calls: " + passedHere + " here, "
                + passedThere + " on the other replica");
        // without one shared count each replica would pass ten: here, that would be more than ten in total

        String spendKey = "jansuite:quota:{" + user + "}:u:spend:d:" + LocalDate.now(ZoneOffset.UTC);
        long deadline = System.currentTimeMillis() + 5_000;
        while (otherLedger.value(spendKey).await().indefinitely() != 1_000_000L && System.currentTimeMillis() < deadline) {
            Thread.sleep(20); // settling is fire-and-forget
        }
        assertEquals(1_000_000L, otherLedger.value(spendKey).await().indefinitely(), "$0.001 spent, in nano-USD");
        UsageReportTest.awaitRequests(token, (int) passedHere);
        Number spent = given().auth().oauth2(token).get("/v1/usage/me").then().statusCode(200)
                .body("data.totals.requests", equalTo((int) passedHere))
                .body("data.totals.output_tokens", equalTo((int) passedHere * 10))
                .extract().path("data.totals.spend_usd");
        assertEquals(0, new BigDecimal(spent.toString()).compareTo(new BigDecimal("0.0001")
                .multiply(BigDecimal.valueOf(passedHere))), "this replica's spend: " + spent);
        otherLedger.close();
    }

    private static Callable<Boolean> waiting(CountDownLatch start, Callable<Boolean> call) {
        return () -> {
            start.await();
            return call.call();
        };
    }

    private static long count(List<Future<Boolean>> results) throws Exception {
        long n = 0;
        for (Future<Boolean> f : results) {
            n += f.get() ? 1 : 0;
        }
        return n;
    }
}
