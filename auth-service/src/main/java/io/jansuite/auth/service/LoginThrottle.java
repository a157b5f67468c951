package io.jansuite.auth.service;

import io.jansuite.auth.config.AuthSettings;
import io.jansuite.auth.repository.LoginFailureRepository;
import io.jansuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Brute-force limits on password logins: after {@code max-failures-per-account} failures for one e-mail, or
 * {@code max-failures-per-client} from one client address, within {@code failure-window}, further attempts
 * get 429 with {@code Retry-After} until the oldest counted failure leaves the window. The counters are rows
 * in the database, so every replica enforces the same limit and a restart does not reset it; subjects are
 * stored as SHA-256 hashes (a mistyped password in the e-mail field never lands in clear).
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    LoginFailureRepository failures;

    @Inject
    AuthSettings settings;

    static String accountSubject(String email) {
        return "account:" + Hashes.sha256(email);
    }

    static String clientSubject(String address) {
        return "client:" + Hashes.sha256(address);
    }

    /** Fails with 429 when either subject has used up its failures. */
    public Uni<Void> check(String email, String clientAddress) {
        Instant now = Instant.now();
        return Panache.withSession(() -> limited(accountSubject(email), settings.maxFailuresPerAccount(), now)
                .chain(account -> limited(clientSubject(clientAddress), settings.maxFailuresPerClient(), now)
                        .map(client -> Math.max(account, client))))
                .invoke(wait -> {
                    if (wait > 0) {
                        throw new ApiException(429, "too_many_attempts",
                                "Too many failed sign-in attempts; try again in " + wait + " seconds.", null, null,
                                Map.of("Retry-After", Long.toString(wait)));
                    }
                }).replaceWithVoid();
    }

    /** Seconds until the subject may try again, 0 when it may now. */
    private Uni<Long> limited(String subject, int max, Instant now) {
        Duration window = settings.failureWindow();
        return failures.newest(subject, now.minus(window), max).map((List<Instant> newest) -> {
            if (newest.size() < max) {
                return 0L;
            }
            Instant freed = newest.get(max - 1).plus(window);
            return Math.max(1L, Duration.between(now, freed).toSeconds() + 1);
        });
    }

    public Uni<Void> recordFailure(String email, String clientAddress) {
        Instant now = Clock.now();
        return Panache.withTransaction(() -> failures.record(accountSubject(email), now)
                .chain(() -> failures.record(clientSubject(clientAddress), now)));
    }

    /** A successful login forgives the account's failures (not the client's). */
    public Uni<Void> recordSuccess(String email) {
        return Panache.withTransaction(() -> failures.clear(accountSubject(email))).replaceWithVoid();
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return Panache.withTransaction(() -> failures.pruneBefore(Instant.now().minus(settings.failureWindow())))
                .replaceWithVoid();
    }
}
