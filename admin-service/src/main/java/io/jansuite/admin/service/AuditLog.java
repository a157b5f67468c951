package io.jansuite.admin.service;

import io.jansuite.catalog.adminapi.AuditEvent;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The append-only record of admin changes, copied from the catalog-service's and the inference-service's audit
 * feeds. This service's one table
 * is used with plain SQL (the Vert.x client), not Hibernate: {@code INSERT ... ON CONFLICT DO NOTHING} is what
 * makes a copy idempotent (two copies racing, or a page read twice, add each entry once).
 */
@ApplicationScoped
public class AuditLog {

    private static final String COLUMNS = "actor_user_id, actor_key_id, action, target_type, target_ids, reason, before,"
            + " after, request_id, created_at";
    /** Where entries come from: the catalog-service's outbox, the inference-service's (quota changes). */
    public enum Source {
        CATALOG("catalog_event_id"), INFERENCE("inference_event_id");

        final String column;

        Source(String column) {
            this.column = column;
        }
    }
    private static final String FILTER = " WHERE ($1::text IS NULL OR action = $1)";

    @Inject
    Pool db;

    /** Where the next read of the catalog's feed starts. */
    public Uni<Long> lastCatalogEventId() {
        return lastEventId(Source.CATALOG);
    }

    /** Where the next read of a source's feed starts. */
    public Uni<Long> lastEventId(Source source) {
        return db.query("SELECT coalesce(max(" + source.column + "), 0) AS last FROM admin.audit_log").execute()
                .map(rows -> rows.iterator().next().getLong("last"));
    }

    /** Adds the catalog's entries it does not hold yet, in one transaction; the number added. */
    public Uni<Integer> copy(List<AuditEvent> events) {
        return copy(Source.CATALOG, events);
    }

    /** Adds a source's entries it does not hold yet, in one transaction; the number added. */
    public Uni<Integer> copy(Source source, List<AuditEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = events.stream().map(AuditLog::row).toList();
        String copy = "INSERT INTO admin.audit_log (" + source.column + ", " + COLUMNS + ")"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, now()))"
                + " ON CONFLICT (" + source.column + ") DO NOTHING";
        return db.withTransaction(c -> c.preparedQuery(copy).executeBatch(rows)).map(result -> {
            int added = 0;
            for (RowSet<Row> r = result; r != null; r = r.next()) {
                added += r.rowCount();
            }
            return added;
        });
    }

    /** Newest first, optionally of one action. */
    public Uni<ListEnvelope<AuditEvent>> list(Page page, String action) {
        String only = action == null || action.isBlank() ? null : action.trim();
        Uni<Long> total = db.preparedQuery("SELECT count(*) AS n FROM admin.audit_log" + FILTER).execute(Tuple.of(only))
                .map(rows -> rows.iterator().next().getLong("n"));
        Uni<List<AuditEvent>> entries = db.preparedQuery("SELECT id, " + COLUMNS + " FROM admin.audit_log" + FILTER
                + " ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3")
                .execute(Tuple.of(only, page.limit(), page.offset())).map(AuditLog::events);
        return Uni.combine().all().unis(total, entries).with((n, list) -> ListEnvelope.of(list, n, page));
    }

    private static Tuple row(AuditEvent e) {
        return Tuple.from(new Object[] { e.id(), e.actorUserId(), e.actorKeyId(), e.action(), e.targetType(),
                e.targetIds() == null ? new String[0] : e.targetIds().toArray(String[]::new), e.reason(),
                json(e.before()), json(e.after()), e.requestId(),
                e.createdAt() == null ? null : e.createdAt().atOffset(ZoneOffset.UTC) });
    }

    private static List<AuditEvent> events(RowSet<Row> rows) {
        List<AuditEvent> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new AuditEvent(r.getLong("id"), r.getString("actor_user_id"), r.getString("actor_key_id"),
                    r.getString("action"), r.getString("target_type"), Arrays.asList(r.getArrayOfStrings("target_ids")),
                    r.getString("reason"), map(r.getJsonObject("before")), map(r.getJsonObject("after")),
                    r.getString("request_id"), r.get(OffsetDateTime.class, "created_at").toInstant()));
        }
        return out;
    }

    private static JsonObject json(Map<String, Object> value) {
        return value == null ? null : new JsonObject(value);
    }

    private static Map<String, Object> map(JsonObject value) {
        return value == null ? null : value.getMap();
    }
}
