package io.jansuite.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.admin.api.McpServerRequests;
import io.jansuite.admin.client.CatalogMcpServers;
import io.jansuite.common.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * MCP servers: changed in the catalog-service, then audited with before and after (header names only: the
 * catalog never returns header values, and the request's headers are never written to the audit log).
 */
@ApplicationScoped
public class McpServerAdmin {

    @Inject
    CatalogMcpServers catalog;

    @Inject
    AuditLog audit;

    public Uni<JsonNode> list() {
        return catalog.list();
    }

    public Uni<JsonNode> get(String id) {
        return catalog.get(id);
    }

    public Uni<JsonNode> create(Caller actor, String requestId, McpServerRequests.Create request) {
        return catalog.create(request).call(c -> audit.record(new AuditLog.Event(actor, "mcp_server.create", "mcp_server",
                List.of(c.path("after").path("id").asText()), request.reason(), null, c.get("after"), requestId)))
                .map(c -> c.get("after"));
    }

    public Uni<JsonNode> patch(Caller actor, String requestId, String id, McpServerRequests.Patch request) {
        String action = request.headers() != null ? "mcp_server.update_headers" : "mcp_server.update";
        return catalog.patch(id, request).call(c -> audit.record(new AuditLog.Event(actor, action, "mcp_server",
                List.of(c.path("after").path("id").asText()), request.reason(), c.get("before"), c.get("after"),
                requestId))).map(c -> c.get("after"));
    }

    public Uni<Void> delete(Caller actor, String requestId, String id, String reason) {
        return catalog.delete(id).call(c -> audit.record(new AuditLog.Event(actor, "mcp_server.delete", "mcp_server",
                List.of(c.path("before").path("id").asText()), reason, c.get("before"), null, requestId)))
                .replaceWithVoid();
    }

    public Uni<JsonNode> sync(Caller actor, String requestId, String id, String reason) {
        return catalog.sync(id).call(r -> {
            List<String> names = r.path("tools").findValuesAsText("name");
            return audit.record(new AuditLog.Event(actor, "mcp_server.sync", "mcp_server",
                    List.of(r.path("server_id").asText()), reason, null, Map.of("added", r.path("added").asInt(),
                            "removed", r.path("removed").asInt(), "tools", names), requestId));
        });
    }
}
