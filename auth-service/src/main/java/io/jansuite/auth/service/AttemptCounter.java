package io.jansuite.auth.service;

import io.jansuite.auth.config.AuthSettings;
import io.jansuite.common.error.ApiException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Attempts per subject in a window that opens with the subject's first attempt, counted in the database
 * (every replica shares the count; a restart does not reset it). Counting and reading the count is one
 * statement under the row's lock: of N parallel attempts, exactly those up to the limit are admitted.
 */
@ApplicationScoped
public class AttemptCounter {

    private static final String COUNT = "INSERT INTO auth.attempt_counters AS c (subject, window_start, attempts) "
            + "VALUES ($1, now(), 1) ON CONFLICT (subject) DO UPDATE SET "
            + "attempts = CASE WHEN c.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE c.attempts + 1 END, "
            + "window_start = CASE WHEN c.window_start <= now() - make_interval(secs => $2) THEN now() ELSE c.window_start END "
            + "RETURNING c.attempts, extract(epoch FROM c.window_start + make_interval(secs => $2) - now()) AS remaining";

    @Inject
    Pool pool;

    @Inject
    AuthSettings settings;

    /** Counts one attempt; answers 0 when it is within {@code max}, else the seconds until the window ends. */
    public Uni<Long> count(String subject, int max, Duration window) {
        return pool.preparedQuery(COUNT).execute(Tuple.of(subject, (double) window.toSeconds()))
                .onFailure().transform(AttemptCounter::unavailable)
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getInteger("attempts") <= max) {
                        return 0L;
                    }
                    return Math.max(1L, (long) Math.ceil(((Number) row.getValue("remaining")).doubleValue()));
                });
    }

    /** Takes back one attempt (an attempt that turned out legitimate). */
    public Uni<Void> refund(String subject) {
        return pool.preparedQuery("UPDATE auth.attempt_counters SET attempts = attempts - 1 WHERE subject = $1 AND attempts > 0")
                .execute(Tuple.of(subject)).onFailure().transform(AttemptCounter::unavailable).replaceWithVoid();
    }

    /** Forgets the subject's attempts. */
    public Uni<Void> clear(String subject) {
        return pool.preparedQuery("DELETE FROM auth.attempt_counters WHERE subject = $1")
                .execute(Tuple.of(subject)).onFailure().transform(AttemptCounter::unavailable).replaceWithVoid();
    }

    /** Drops counters whose window opened longer ago than the longest window (so it has ended). */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return pool.preparedQuery("DELETE FROM auth.attempt_counters WHERE window_start < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) settings.longestWindow().toSeconds())).replaceWithVoid();
    }

    private static Throwable unavailable(Throwable cause) {
        return cause instanceof ApiException ? cause : ApiException.unavailable("service_unavailable",
                "Sign-in limits cannot be checked right now; try again shortly.");
    }
}
