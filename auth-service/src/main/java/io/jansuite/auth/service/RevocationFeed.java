package io.jansuite.auth.service;

import io.jansuite.auth.Revocation;
import io.jansuite.auth.config.AuthSettings;
import io.jansuite.common.auth.RevocationList;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the revocation feed other services poll, and keeps this service's own {@link RevocationList}
 * complete across restarts. Only the last {@code app.auth.revocation-feed-window} is served: older session
 * revocations no longer matter (their access tokens have expired), and revoked API keys are refused by
 * {@code /internal/api-keys/verify} anyway.
 */
@ApplicationScoped
public class RevocationFeed {

    private static final int PAGE = 1000;

    @Inject
    Pool pool;

    @Inject
    RevocationList revocations;

    @Inject
    AuthSettings settings;

    public record Entry(long seq, String kind, String id) {
    }

    public record Feed(List<Entry> data, long lastSeq) {
    }

    public Uni<Feed> after(long after) {
        var since = Instant.now().minus(settings.revocationFeedWindow()).atOffset(ZoneOffset.UTC);
        return pool.preparedQuery("SELECT seq, kind, id FROM auth.revocations WHERE seq > $1 AND created_at > $2 "
                + "ORDER BY seq LIMIT " + PAGE).execute(Tuple.of(after, since)).chain(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new Entry(row.getLong("seq"), row.getString("kind"), row.getString("id")));
                    }
                    if (!entries.isEmpty()) {
                        return Uni.createFrom().item(new Feed(entries, entries.get(entries.size() - 1).seq()));
                    }
                    // Nothing new in the window: skip past older entries, never past one still to come.
                    return pool.preparedQuery("SELECT coalesce(max(seq), 0) AS last FROM auth.revocations WHERE created_at <= $1")
                            .execute(Tuple.of(since))
                            .map(r -> new Feed(List.of(), Math.max(after, r.iterator().next().getLong("last"))));
                });
    }

    /** At start-up: what was revoked while this instance was down still counts here at once. */
    void preload(@Observes StartupEvent event) {
        var since = Instant.now().minus(settings.revocationFeedWindow()).atOffset(ZoneOffset.UTC);
        pool.preparedQuery("SELECT kind, id FROM auth.revocations WHERE created_at > $1").execute(Tuple.of(since))
                .invoke(rows -> rows.forEach(row -> {
                    if (Revocation.SESSION.equals(row.getString("kind"))) {
                        revocations.revokeSession(row.getString("id"));
                    } else {
                        revocations.revokeKey(row.getString("id"));
                    }
                }))
                .await().atMost(Duration.ofSeconds(30));
    }
}
