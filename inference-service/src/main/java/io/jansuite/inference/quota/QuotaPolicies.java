package io.jansuite.inference.quota;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.http.RequestIds;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The limits admins set (role defaults, user and key overrides), stored in {@code inference.quota_limits} and held
 * in memory, so a completion reads no database: every replica reloads the (small) table every
 * {@code app.quotas.refresh-every}, and the replica that made a change at once. Each change writes its audit
 * entry to {@code inference.admin_audit_outbox} in the same transaction; the admin-service copies that feed into
 * its audit log, as it does the catalog-service's.
 */
@ApplicationScoped
public class QuotaPolicies {

    private static final Logger LOG = Logger.getLogger(QuotaPolicies.class);
    public static final String ROLE = "role";
    public static final String USER = "user";
    public static final String KEY = "key";
    public static final List<String> ROLES = List.of("guest", "user", "admin");
    private static final String COLUMNS = "subject_type, subject_id, requests_per_minute, tokens_per_minute,"
            + " daily_budget_nano_usd, monthly_budget_nano_usd, updated_at";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** What a completion reads: limits by subject type, then id. */
    private record Snapshot(Map<String, QuotaLimits> roles, Map<String, QuotaLimits> users, Map<String, QuotaLimits> keys) {
    }

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "app.quotas.refresh-every", defaultValue = "5s")
    Duration refreshEvery;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        refresh().subscribe().with(v -> { }, e -> { });
        timer = vertx.setPeriodic(refreshEvery.toMillis(), id -> refresh().subscribe().with(v -> { }, e -> { }));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The limits of a caller's own account: its user override over its role's defaults. */
    public QuotaLimits forUser(Caller caller) {
        Snapshot s = snapshot;
        QuotaLimits defaults = s.roles().get(role(caller));
        QuotaLimits own = s.users().get(caller.userId());
        return own == null ? defaults : own.over(defaults);
    }

    /** The limits of the API key the caller used (only its override; null without one). */
    public QuotaLimits forKey(Caller caller) {
        return caller.apiKeyId() == null ? null : snapshot.keys().get(caller.apiKeyId());
    }

    /** Which role's defaults apply: guests', admins', else users'. */
    static String role(Caller caller) {
        return caller.guest() ? "guest" : caller.roles().contains(Caller.ADMIN) ? "admin" : "user";
    }

    /** Reloads the table; on failure keeps what it had (logged). */
    public Uni<Void> refresh() {
        return pool.query("SELECT " + COLUMNS + " FROM inference.quota_limits").execute().map(rows -> {
            Map<String, Map<String, QuotaLimits>> by = Map.of(ROLE, new HashMap<>(), USER, new HashMap<>(), KEY,
                    new HashMap<>());
            rows.forEach(r -> by.get(r.getString("subject_type")).put(r.getString("subject_id"), view(r).limits()));
            snapshot = new Snapshot(by.get(ROLE), by.get(USER), by.get(KEY));
            return (Void) null;
        }).onFailure().invoke(e -> LOG.warnf("quota limits not reloaded (keeping the last ones): %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Limits of one subject type: every role (unset ones empty), or every user or key that has an override. */
    public Uni<List<QuotaView>> list(String type) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM inference.quota_limits WHERE subject_type = $1"
                + " ORDER BY subject_id").execute(Tuple.of(type)).map(rows -> {
                    Map<String, QuotaView> out = new LinkedHashMap<>();
                    if (ROLE.equals(type)) {
                        ROLES.forEach(r -> out.put(r, new QuotaView(ROLE, r, QuotaLimits.NONE, null)));
                    }
                    rows.forEach(r -> out.put(r.getString("subject_id"), view(r)));
                    return new ArrayList<>(out.values());
                });
    }

    /** Sets a subject's limits (every field: a missing one is unset), with its audit entry; before and after. */
    public Uni<Map<String, QuotaView>> put(String actorHeader, String type, String id, QuotaLimits limits, String reason) {
        Actor actor = Actor.parse(actorHeader);
        String requestId = RequestIds.current();
        Instant now = Instant.now();
        QuotaView after = new QuotaView(type, id, limits, now);
        return pool.withTransaction(c -> before(c, type, id).chain(before -> c.preparedQuery(
                "INSERT INTO inference.quota_limits (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)"
                        + " ON CONFLICT (subject_type, subject_id) DO UPDATE SET requests_per_minute = excluded.requests_per_minute,"
                        + " tokens_per_minute = excluded.tokens_per_minute, daily_budget_nano_usd = excluded.daily_budget_nano_usd,"
                        + " monthly_budget_nano_usd = excluded.monthly_budget_nano_usd, updated_at = excluded.updated_at")
                .execute(Tuple.from(new Object[] { type, id, limits.requestsPerMinute(), limits.tokensPerMinute(),
                        nano(limits.dailyBudgetUsd()), nano(limits.monthlyBudgetUsd()), now.atOffset(ZoneOffset.UTC) }))
                .chain(() -> audit(c, actor, requestId, action(type, "update"), type, id, reason, before, after))
                .map(v -> change(before, after)))).call(this::refresh);
    }

    /** Removes a user's or key's override (back to the defaults); null when there was none. */
    public Uni<Map<String, QuotaView>> delete(String actorHeader, String type, String id, String reason) {
        Actor actor = Actor.parse(actorHeader);
        String requestId = RequestIds.current();
        return pool.withTransaction(c -> before(c, type, id).chain(before -> {
            if (before == null) {
                return Uni.createFrom().<Map<String, QuotaView>>nullItem();
            }
            return c.preparedQuery("DELETE FROM inference.quota_limits WHERE subject_type = $1 AND subject_id = $2")
                    .execute(Tuple.of(type, id))
                    .chain(() -> audit(c, actor, requestId, action(type, "delete"), type, id, reason, before, null))
                    .map(v -> change(before, null));
        })).call(this::refresh);
    }

    /** The audit entries after an id, oldest first (catalog-admin-api's AuditEvent shape). */
    public Uni<Map<String, Object>> auditAfter(long after, int limit) {
        return pool.preparedQuery("SELECT id, entry, created_at FROM inference.admin_audit_outbox WHERE id > $1"
                + " ORDER BY id LIMIT $2").execute(Tuple.of(after, limit + 1)).map(rows -> {
                    List<Map<String, Object>> events = new ArrayList<>();
                    for (Row r : rows) {
                        if (events.size() < limit) {
                            Map<String, Object> e = new LinkedHashMap<>(r.getJsonObject("entry").getMap());
                            e.put("id", r.getLong("id"));
                            e.put("created_at", r.get(OffsetDateTime.class, "created_at").toInstant().toString());
                            events.add(e);
                        }
                    }
                    Map<String, Object> page = new LinkedHashMap<>();
                    page.put("data", events);
                    page.put("has_more", rows.size() > limit);
                    return page;
                });
    }

    private Uni<QuotaView> before(SqlConnection c, String type, String id) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM inference.quota_limits WHERE subject_type = $1"
                + " AND subject_id = $2 FOR UPDATE").execute(Tuple.of(type, id))
                .map(rows -> rows.iterator().hasNext() ? view(rows.iterator().next()) : null);
    }

    private Uni<Void> audit(SqlConnection c, Actor actor, String requestId, String action, String type, String id, String reason,
            QuotaView before, QuotaView after) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("actor_user_id", actor.userId());
        entry.put("actor_key_id", actor.keyId());
        entry.put("action", action);
        entry.put("target_type", type.equals(ROLE) ? "quota_default" : type + "_quota");
        entry.put("target_ids", List.of(id));
        entry.put("reason", reason == null || reason.isBlank() ? null : reason.trim());
        entry.put("before", before == null ? null : json.convertValue(before, OBJECT));
        entry.put("after", after == null ? null : json.convertValue(after, OBJECT));
        entry.put("request_id", requestId);
        return c.preparedQuery("INSERT INTO inference.admin_audit_outbox (entry) VALUES ($1)")
                .execute(Tuple.of(new JsonObject(entry))).replaceWithVoid();
    }

    private static String action(String type, String verb) {
        return (type.equals(ROLE) ? "quota_default." : type + "_quota.") + verb;
    }

    private static Map<String, QuotaView> change(QuotaView before, QuotaView after) {
        Map<String, QuotaView> out = new LinkedHashMap<>();
        out.put("before", before);
        out.put("after", after);
        return out;
    }

    private static QuotaView view(Row r) {
        Long daily = r.getLong("daily_budget_nano_usd");
        Long monthly = r.getLong("monthly_budget_nano_usd");
        return new QuotaView(r.getString("subject_type"), r.getString("subject_id"),
                new QuotaLimits(r.getLong("requests_per_minute"), r.getLong("tokens_per_minute"),
                        daily == null ? null : Spend.usd(daily), monthly == null ? null : Spend.usd(monthly)),
                r.get(OffsetDateTime.class, "updated_at").toInstant());
    }

    private static Long nano(java.math.BigDecimal usd) {
        return usd == null ? null : Spend.nanoUsd(usd);
    }

    /** The admin named by {@code X-Admin-Actor}: {@code <user id>[ <api key id>]}. */
    private record Actor(String userId, String keyId) {
        static Actor parse(String header) {
            if (header == null || header.isBlank()) {
                throw ApiException.badRequest("invalid_value", "X-Admin-Actor must name the admin making the change.",
                        "X-Admin-Actor");
            }
            String[] parts = header.trim().split(" ", 2);
            return new Actor(parts[0], parts.length > 1 ? parts[1].trim() : null);
        }
    }
}
