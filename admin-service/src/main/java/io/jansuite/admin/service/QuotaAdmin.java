package io.jansuite.admin.service;

import io.jansuite.admin.api.AdminQuotas;
import io.jansuite.admin.client.InferenceAdminApi;
import io.jansuite.catalog.adminapi.AdminActor;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Quota defaults per role, overrides per user and key, and usage reports, stored by the inference-service, which
 * audits each change in the same transaction; the entry is copied into the audit log before the admin gets the
 * answer ({@link AuditFeed}).
 */
@ApplicationScoped
public class QuotaAdmin {

    @Inject
    @RestClient
    InferenceAdminApi inference;

    @Inject
    AuditFeed audit;

    /** {@code type}: roles, users or keys. */
    public Uni<List<AdminQuotas.QuotaView>> list(String type) {
        return inference.quotas(type).map(DataEnvelope::data);
    }

    public Uni<AdminQuotas.QuotaView> put(Caller actor, String type, String id, AdminQuotas.Settings settings) {
        return audit.afterChange(inference.put(AdminActor.header(actor), type, id, settings)).map(c -> c.data().after());
    }

    public Uni<Void> delete(Caller actor, String type, String id, String reason) {
        return audit.afterChange(inference.delete(AdminActor.header(actor), type, id, reason)).replaceWithVoid();
    }

    public Uni<AdminQuotas.UsageReport> usage(String from, String to, String groupBy, String userId, String keyId,
            String model) {
        return inference.usage(from, to, groupBy, userId, keyId, model).map(DataEnvelope::data);
    }
}
