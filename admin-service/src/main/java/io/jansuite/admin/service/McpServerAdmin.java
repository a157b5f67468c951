package io.jansuite.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.catalog.adminapi.McpServerRequests;
import io.jansuite.admin.client.CatalogMcpServers;
import io.jansuite.catalog.adminapi.AdminActor;
import io.jansuite.common.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * MCP servers: changed and audited by the catalog-service in one transaction (header names only: the catalog
 * never returns header values, and the request's headers are never written to the audit log).
 */
@ApplicationScoped
public class McpServerAdmin {

    @Inject
    CatalogMcpServers catalog;

    @Inject
    AuditFeed audit;

    public Uni<JsonNode> list() {
        return catalog.list();
    }

    public Uni<JsonNode> get(String id) {
        return catalog.get(id);
    }

    public Uni<JsonNode> create(Caller actor, McpServerRequests.Create request) {
        return audit.afterChange(catalog.create(AdminActor.header(actor), request)).map(c -> c.get("after"));
    }

    public Uni<JsonNode> patch(Caller actor, String id, McpServerRequests.Patch request) {
        return audit.afterChange(catalog.patch(AdminActor.header(actor), id, request)).map(c -> c.get("after"));
    }

    public Uni<Void> delete(Caller actor, String id, String reason) {
        return audit.afterChange(catalog.delete(AdminActor.header(actor), id, reason)).replaceWithVoid();
    }

    public Uni<JsonNode> sync(Caller actor, String id, String reason) {
        return audit.afterChange(catalog.sync(AdminActor.header(actor), id, reason));
    }
}
