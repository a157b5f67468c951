package io.jansuite.admin.service;

import io.jansuite.admin.AuditEntry;
import io.jansuite.admin.api.AdminViews.AuditRecord;
import io.jansuite.catalog.adminapi.AuditEvent;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The append-only record of admin changes. Entries are copied from the catalog-service's audit feed with plain
 * SQL, because {@code INSERT ... ON CONFLICT DO NOTHING} is what makes a copy idempotent (two copies racing, or
 * a page read twice, add each entry once); reads go through Hibernate like the rest of the service.
 */
@ApplicationScoped
public class AuditLog {

    private static final String COPY = "INSERT INTO admin.audit_log (catalog_event_id, actor_user_id, actor_key_id, action,"
            + " target_type, target_ids, reason, before, after, request_id, created_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, now())) ON CONFLICT (catalog_event_id) DO NOTHING";

    @Inject
    Pool db;

    /** Where the next read of the feed starts. */
    public Uni<Long> lastCatalogEventId() {
        return db.query("SELECT coalesce(max(catalog_event_id), 0) AS last FROM admin.audit_log").execute()
                .map(rows -> rows.iterator().next().getLong("last"));
    }

    /** Adds the entries it does not hold yet, in one transaction; the number added. */
    public Uni<Integer> copy(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = events.stream().map(AuditLog::row).toList();
        return db.withTransaction(c -> c.preparedQuery(COPY).executeBatch(rows)).map(result -> {
            int added = 0;
            for (var r = result; r != null; r = r.next()) {
                added += r.rowCount();
            }
            return added;
        });
    }

    @WithSession
    public Uni<ListEnvelope<AuditRecord>> list(Page page, String action) {
        Sort newestFirst = Sort.descending("createdAt", "id");
        PanacheQuery<AuditEntry> query = action == null || action.isBlank()
                ? AuditEntry.findAll(newestFirst)
                : AuditEntry.find("action = ?1", newestFirst, action.trim());
        return query.count().flatMap(total -> query.range(page.offset(), page.offset() + page.limit() - 1).list()
                .map(entries -> ListEnvelope.of(entries.stream().map(AuditLog::view).toList(), total, page)));
    }

    private static Tuple row(AuditEvent e) {
        return Tuple.from(new Object[] { e.id(), e.actorUserId(), e.actorKeyId(), e.action(), e.targetType(),
                e.targetIds() == null ? new String[0] : e.targetIds().toArray(String[]::new), e.reason(),
                json(e.before()), json(e.after()), e.requestId(),
                e.createdAt() == null ? null : e.createdAt().atOffset(ZoneOffset.UTC) });
    }

    private static JsonObject json(Map<String, Object> value) {
        return value == null ? null : new JsonObject(value);
    }

    private static AuditRecord view(AuditEntry e) {
        return new AuditRecord(e.id, e.actorUserId, e.actorKeyId, e.action, e.targetType, e.targetIds, e.reason,
                e.before, e.after, e.requestId, e.createdAt);
    }
}
