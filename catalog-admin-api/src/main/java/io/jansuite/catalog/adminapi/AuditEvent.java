package io.jansuite.catalog.adminapi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One admin change as the catalog-service recorded it, in the same transaction as the change: who, what, on
 * which ids, why, the values before and after (as the admin API shows them, never a key) and the request id.
 * {@code id} orders the feed and makes copying it idempotent; the admin-service's audit log shows the same shape,
 * with its own entry id.
 */
public record AuditEvent(long id, String actorUserId, String actorKeyId, String action, String targetType,
        List<String> targetIds, String reason, Map<String, Object> before, Map<String, Object> after,
        String requestId, Instant createdAt) {

    /** A page of the feed, oldest first; {@code has_more} when another page follows at once. */
    public record Page(List<AuditEvent> data, boolean hasMore) {
    }
}
