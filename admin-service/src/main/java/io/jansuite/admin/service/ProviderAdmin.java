package io.jansuite.admin.service;

import io.jansuite.catalog.adminapi.AdminActor;
import io.jansuite.catalog.adminapi.AdminRequests;
import io.jansuite.catalog.adminapi.McpToolView;
import io.jansuite.catalog.adminapi.ProviderView;
import io.jansuite.catalog.adminapi.ProvidersAdminApi;
import io.jansuite.catalog.adminapi.SyncResult;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Providers and MCP tools, stored and audited by the catalog-service (see {@link ModelAdmin}). */
@ApplicationScoped
public class ProviderAdmin {

    @Inject
    @RestClient
    ProvidersAdminApi catalog;

    @Inject
    AuditFeed audit;

    public Uni<List<ProviderView>> list() {
        return catalog.providers().map(DataEnvelope::data);
    }

    public Uni<ProviderView> get(String id) {
        return catalog.provider(id).map(DataEnvelope::data);
    }

    public Uni<ProviderView> create(Caller actor, AdminRequests.ProviderCreate request) {
        return audit.afterChange(catalog.createProvider(AdminActor.header(actor), request)).map(c -> c.data().after());
    }

    public Uni<ProviderView> patch(Caller actor, String id, AdminRequests.ProviderPatch request) {
        return audit.afterChange(catalog.patchProvider(AdminActor.header(actor), id, request)).map(c -> c.data().after());
    }

    public Uni<Void> delete(Caller actor, String id, String reason) {
        return audit.afterChange(catalog.deleteProvider(AdminActor.header(actor), id, reason)).replaceWithVoid();
    }

    public Uni<SyncResult> sync(Caller actor, String id, String reason) {
        return audit.afterChange(catalog.syncProvider(AdminActor.header(actor), id, reason)).map(DataEnvelope::data);
    }

    public Uni<List<McpToolView>> tools() {
        return catalog.mcpTools().map(DataEnvelope::data);
    }

    public Uni<McpToolView> patchTool(Caller actor, String id, AdminRequests.McpToolPatch request) {
        return audit.afterChange(catalog.patchMcpTool(AdminActor.header(actor), id, request)).map(c -> c.data().after());
    }
}
