package io.jansuite.admin.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.admin.AuditEntry;
import io.jansuite.admin.api.AdminViews.AuditRecord;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.auth.Caller;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The append-only record of admin changes. */
@ApplicationScoped
public class AuditLog {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    /** What happened, by whom, to which ids; {@code before}/{@code after} are stored as the API shows them. */
    public record Event(Caller actor, String action, String targetType, List<String> targetIds, String reason,
            Object before, Object after, String requestId) {
    }

    @WithTransaction
    public Uni<AuditEntry> record(Event event) {
        AuditEntry e = new AuditEntry();
        e.actorUserId = event.actor().userId();
        e.actorKeyId = event.actor().apiKeyId();
        e.action = event.action();
        e.targetType = event.targetType();
        e.targetIds = new ArrayList<>(event.targetIds());
        e.reason = event.reason() == null || event.reason().isBlank() ? null : event.reason().trim();
        e.before = toMap(event.before());
        e.after = toMap(event.after());
        e.requestId = event.requestId();
        e.createdAt = Instant.now();
        return e.persist();
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

    private Map<String, Object> toMap(Object value) {
        return value == null ? null : json.convertValue(value, OBJECT);
    }

    private static AuditRecord view(AuditEntry e) {
        return new AuditRecord(e.id, e.actorUserId, e.actorKeyId, e.action, e.targetType, e.targetIds, e.reason,
                e.before, e.after, e.requestId, e.createdAt);
    }
}
