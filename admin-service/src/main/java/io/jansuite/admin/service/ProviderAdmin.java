package io.jansuite.admin.service;

import io.jansuite.admin.api.AdminRequests;
import io.jansuite.admin.api.AdminViews.McpTool;
import io.jansuite.admin.api.AdminViews.Provider;
import io.jansuite.admin.api.AdminViews.SyncResult;
import io.jansuite.admin.client.CatalogClient;
import io.jansuite.common.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** Providers and MCP tools: changed in the catalog-service, then audited. API keys never reach the audit log. */
@ApplicationScoped
public class ProviderAdmin {

    @Inject
    CatalogClient catalog;

    @Inject
    AuditLog audit;

    public Uni<List<Provider>> list() {
        return catalog.providers();
    }

    public Uni<Provider> get(String id) {
        return catalog.provider(id);
    }

    public Uni<Provider> create(Caller actor, String requestId, AdminRequests.ProviderCreate request) {
        return catalog.createProvider(request).call(c -> audit.record(new AuditLog.Event(actor, "provider.create",
                "provider", List.of(c.after().id()), request.reason(), null, c.after(), requestId)))
                .map(c -> c.after());
    }

    public Uni<Provider> patch(Caller actor, String requestId, String id, AdminRequests.ProviderPatch request) {
        return catalog.patchProvider(id, request).call(c -> audit.record(new AuditLog.Event(actor,
                request.apiKey() != null ? "provider.update_key" : "provider.update", "provider", List.of(id),
                request.reason(), c.before(), c.after(), requestId)))
                .map(c -> c.after());
    }

    public Uni<Void> delete(Caller actor, String requestId, String id, String reason) {
        return catalog.deleteProvider(id).call(c -> audit.record(new AuditLog.Event(actor, "provider.delete", "provider",
                List.of(id), reason, c.before(), null, requestId))).replaceWithVoid();
    }

    public Uni<SyncResult> sync(Caller actor, String requestId, String id, String reason) {
        return catalog.syncProvider(id).call(r -> audit.record(new AuditLog.Event(actor, "provider.sync", "provider",
                List.of(id), reason, null, Map.of("imported", r.imported(),
                        "model_ids", r.models().stream().map(m -> m.modelId()).toList()), requestId)));
    }

    public Uni<List<McpTool>> tools() {
        return catalog.mcpTools();
    }

    public Uni<McpTool> patchTool(Caller actor, String requestId, String id, AdminRequests.McpToolPatch request) {
        return catalog.patchMcpTool(id, request).call(c -> audit.record(new AuditLog.Event(actor, "mcp_tool.update",
                "mcp_tool", List.of(c.after().id()), request.reason(), c.before(), c.after(), requestId)))
                .map(c -> c.after());
    }
}
