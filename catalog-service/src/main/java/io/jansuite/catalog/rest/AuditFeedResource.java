package io.jansuite.catalog.rest;

import io.jansuite.catalog.adminapi.AuditEvent;
import io.jansuite.catalog.adminapi.AuditFeedApi;
import io.jansuite.catalog.service.AdminAudit;
import io.jansuite.common.api.Page;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** For the admin-service: the audit entries committed with each admin change ({@link AuditFeedApi}). */
public class AuditFeedResource implements AuditFeedApi {

    @Inject
    AdminAudit audit;

    @Override
    public Uni<AuditEvent.Page> after(String after, String limit) {
        long from;
        try {
            from = after == null || after.isBlank() ? 0 : Long.parseLong(after.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_value", "after must be an entry id.", "after");
        }
        return audit.after(from, Page.of(limit, null).limit());
    }
}
