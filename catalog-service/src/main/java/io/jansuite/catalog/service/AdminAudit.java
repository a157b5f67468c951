package io.jansuite.catalog.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.catalog.AuditOutboxEntry;
import io.jansuite.catalog.adminapi.AdminActor;
import io.jansuite.catalog.adminapi.AuditEvent;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.http.RequestIds;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Admin changes and their audit entries, committed together: the change runs inside this transaction (the
 * services' own {@code @WithTransaction} joins it) and its entry is written to the outbox before the commit. If
 * the entry cannot be written, the change is rolled back: applied and audited, or not applied.
 */
@ApplicationScoped
public class AdminAudit {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    /** What a change did, worked out from its result; {@code before}/{@code after} as the admin API shows them. */
    public record Entry(String action, String targetType, List<String> targetIds, String reason, Object before,
            Object after) {
    }

    /**
     * Runs the change and records its entry, on behalf of the {@link AdminActor} header. A null result (no such
     * resource) or a null entry (a bulk toggle that matched nothing) records nothing.
     */
    @WithTransaction
    public <T> Uni<T> apply(String actorHeader, Supplier<Uni<T>> change, Function<T, Entry> entryOf) {
        AdminActor actor = AdminActor.parse(actorHeader);
        if (actor == null) {
            return Uni.createFrom().failure(ApiException.badRequest("invalid_value",
                    AdminActor.HEADER + " must name the admin making the change.", AdminActor.HEADER));
        }
        String requestId = RequestIds.current();
        return change.get().call(result -> {
            Entry entry = result == null ? null : entryOf.apply(result);
            return entry == null ? Uni.createFrom().voidItem() : outboxRow(actor, requestId, entry).persist();
        });
    }

    /** The entries after an id, oldest first. */
    @WithSession
    public Uni<AuditEvent.Page> after(long after, int limit) {
        return AuditOutboxEntry.<AuditOutboxEntry>find("id > ?1", Sort.ascending("id"), after).range(0, limit).list()
                .map(rows -> new AuditEvent.Page(rows.stream().limit(limit).map(this::event).toList(),
                        rows.size() > limit));
    }

    private AuditOutboxEntry outboxRow(AdminActor actor, String requestId, Entry entry) {
        String reason = entry.reason() == null || entry.reason().isBlank() ? null : entry.reason().trim();
        AuditEvent event = new AuditEvent(0, actor.userId(), actor.apiKeyId(), entry.action(), entry.targetType(),
                List.copyOf(entry.targetIds()), reason, toMap(entry.before()), toMap(entry.after()), requestId, null);
        AuditOutboxEntry row = new AuditOutboxEntry();
        row.entry = toMap(event);
        row.entry.keySet().removeAll(List.of("id", "created_at"));
        row.createdAt = Instant.now();
        return row;
    }

    private Map<String, Object> toMap(Object value) {
        return value == null ? null : json.convertValue(value, OBJECT);
    }

    private AuditEvent event(AuditOutboxEntry row) {
        Map<String, Object> fields = new HashMap<>(row.entry);
        fields.put("id", row.id);
        fields.put("created_at", row.createdAt);
        return json.convertValue(fields, AuditEvent.class);
    }
}
