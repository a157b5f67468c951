package io.jansuite.catalog.rest;

import io.jansuite.catalog.adminapi.AdminRequests.McpToolPatch;
import io.jansuite.catalog.adminapi.AdminRequests.ProviderCreate;
import io.jansuite.catalog.adminapi.AdminRequests.ProviderPatch;
import io.jansuite.catalog.adminapi.Change;
import io.jansuite.catalog.adminapi.McpToolView;
import io.jansuite.catalog.adminapi.ProviderView;
import io.jansuite.catalog.adminapi.ProvidersAdminApi;
import io.jansuite.catalog.adminapi.SyncResult;
import io.jansuite.catalog.service.AdminAudit;
import io.jansuite.catalog.service.AdminAudit.Entry;
import io.jansuite.catalog.service.CatalogChanges;
import io.jansuite.catalog.service.McpToolService;
import io.jansuite.catalog.service.ProviderService;
import io.jansuite.common.api.DataEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** For the admin-service: providers and MCP tools ({@link ProvidersAdminApi}). Keys never reach the audit entry. */
public class AdminProvidersResource implements ProvidersAdminApi {

    private static final String NOT_FOUND = "provider_not_found";

    @Inject
    ProviderService providers;

    @Inject
    McpToolService tools;

    @Inject
    CatalogChanges changes;

    @Inject
    AdminAudit audit;

    @Override
    public Uni<DataEnvelope<List<ProviderView>>> providers() {
        return providers.list().map(DataEnvelope::of);
    }

    @Override
    public Uni<DataEnvelope<Change<ProviderView>>> createProvider(String actor, ProviderCreate request) {
        return audit.apply(actor, () -> providers.create(request), c -> new Entry("provider.create", "provider",
                        List.of(c.after().id()), request.reason(), null, c.after()))
                .map(DataEnvelope::of).invoke(changes::announce);
    }

    @Override
    public Uni<DataEnvelope<ProviderView>> provider(String id) {
        return providers.get(id).map(p -> DataEnvelope.of(QueryParams.found(p, NOT_FOUND, "No provider '" + id + "'.")));
    }

    @Override
    public Uni<DataEnvelope<Change<ProviderView>>> patchProvider(String actor, String id, ProviderPatch request) {
        String action = request.apiKey() != null ? "provider.update_key" : "provider.update";
        return audit.apply(actor, () -> providers.patch(id, request), c -> new Entry(action, "provider", List.of(id),
                        request.reason(), c.before(), c.after()))
                .map(c -> DataEnvelope.of(QueryParams.found(c, NOT_FOUND, "No provider '" + id + "'.")))
                .invoke(changes::announce);
    }

    @Override
    public Uni<DataEnvelope<Change<ProviderView>>> deleteProvider(String actor, String id, String reason) {
        return audit.apply(actor, () -> providers.delete(id), c -> new Entry("provider.delete", "provider", List.of(id),
                        reason, c.before(), null))
                .map(c -> DataEnvelope.of(QueryParams.found(c, NOT_FOUND, "No provider '" + id + "'.")))
                .invoke(changes::announce);
    }

    @Override
    public Uni<DataEnvelope<SyncResult>> syncProvider(String actor, String id, String reason) {
        return audit.apply(actor, () -> providers.sync(id), r -> new Entry("provider.sync", "provider", List.of(id),
                        reason, null, Map.of("imported", r.imported(),
                                "model_ids", r.models().stream().map(m -> m.modelId()).toList())))
                .map(r -> DataEnvelope.of(QueryParams.found(r, NOT_FOUND, "No provider '" + id + "'.")))
                .invoke(changes::announce);
    }

    @Override
    public Uni<DataEnvelope<List<McpToolView>>> mcpTools() {
        return tools.list(false).map(DataEnvelope::of);
    }

    @Override
    public Uni<DataEnvelope<Change<McpToolView>>> patchMcpTool(String actor, String id, McpToolPatch request) {
        return audit.apply(actor, () -> tools.patch(id, request), c -> new Entry("mcp_tool.update", "mcp_tool",
                        List.of(c.after().id()), request.reason(), c.before(), c.after()))
                .map(c -> DataEnvelope.of(QueryParams.found(c, "mcp_tool_not_found", "No MCP tool '" + id + "'.")))
                .invoke(changes::announce);
    }
}
