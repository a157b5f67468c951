package io.jansuite.inference.responses;

import io.jansuite.inference.config.ResponsesConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Background responses outlive a request but not the process that runs them. Each replica marks the ones it
 * runs as alive ({@code updated_at}) every {@code app.responses.background-heartbeat}; any replica, at
 * start-up and then at every heartbeat, marks failed ({@code error.code: background_interrupted}) the queued
 * or running ones nobody has marked for {@code app.responses.background-stale-after}: their process died
 * (a crash, a kill, a restart). They are not resumed: their model and tool calls may have happened in part
 * (tools with effects, tokens spent), so running them again could do twice what the user asked once; the
 * client learns what happened and decides. A graceful shutdown marks its own runs failed at once.
 */
@ApplicationScoped
class BackgroundRecovery {

    private static final Logger LOG = Logger.getLogger(BackgroundRecovery.class);
    static final String CODE = "background_interrupted";
    private static final String INTERRUPTED = "The server running this background response stopped before it"
            + " finished (a restart or a crash); it was not resumed. Create it again.";

    private static final String HEARTBEAT = "UPDATE inference.responses SET updated_at = now()"
            + " WHERE id = ANY($1) AND status IN ('queued', 'in_progress')";
    /** $1 the error message, $2 stale after (seconds), $3 ids running here (never swept). */
    private static final String SWEEP = "UPDATE inference.responses SET status = 'failed', updated_at = now(),"
            + " body = body || jsonb_build_object('status', 'failed', 'error',"
            + " jsonb_build_object('code', '" + CODE + "', 'message', $1::text))"
            + " WHERE status IN ('queued', 'in_progress') AND (body->>'background')::boolean"
            + " AND updated_at < now() - make_interval(secs => $2) AND NOT (id = ANY($3)) RETURNING id";
    private static final String FAIL_OURS = "UPDATE inference.responses SET status = 'failed', updated_at = now(),"
            + " body = body || jsonb_build_object('status', 'failed', 'error',"
            + " jsonb_build_object('code', '" + CODE + "', 'message', $1::text))"
            + " WHERE id = ANY($2) AND status IN ('queued', 'in_progress')";

    @Inject
    Pool pool;

    @Inject
    BackgroundResponses background;

    @Inject
    ResponsesConfig config;

    @Inject
    Vertx vertx;

    private final AtomicBoolean busy = new AtomicBoolean();
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        sweep().subscribe().with(ids -> { }, e -> LOG.warnf("background responses not checked at start-up: %s", e));
        timer = vertx.setPeriodic(config.backgroundHeartbeat().toMillis(), id -> {
            if (busy.compareAndSet(false, true)) {
                heartbeat().chain(this::sweep).subscribe().with(ids -> busy.set(false), e -> {
                    busy.set(false);
                    LOG.warnf("background responses heartbeat: %s", e.toString());
                });
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        Set<String> ours = background.runningHere();
        if (ours.isEmpty()) {
            return;
        }
        try {
            pool.preparedQuery(FAIL_OURS).execute(Tuple.of(INTERRUPTED, ours.toArray(String[]::new)))
                    .await().atMost(Duration.ofSeconds(5));
            LOG.infof("%d background responses marked interrupted at shutdown", ours.size());
        } catch (RuntimeException e) {
            LOG.warnf("background responses not marked at shutdown (the next start-up will): %s", e.toString());
        }
    }

    /** Marks this replica's running background responses alive. */
    Uni<Void> heartbeat() {
        Set<String> ours = background.runningHere();
        if (ours.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(HEARTBEAT).execute(Tuple.of(ours.toArray(String[]::new))).replaceWithVoid();
    }

    /** Marks failed the queued or running background responses left by a process that died; their ids. */
    Uni<List<String>> sweep() {
        Tuple args = Tuple.of(INTERRUPTED, (double) config.backgroundStaleAfter().toSeconds(),
                background.runningHere().toArray(String[]::new));
        return pool.preparedQuery(SWEEP).execute(args).map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString("id")));
            if (!ids.isEmpty()) {
                LOG.warnf("%d background responses left by a stopped process marked failed: %s", ids.size(), ids);
            }
            return ids;
        });
    }
}
