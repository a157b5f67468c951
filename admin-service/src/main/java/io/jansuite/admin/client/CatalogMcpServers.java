package io.jansuite.admin.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.catalog.adminapi.McpServerRequests;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** MCP servers in the catalog-service: its errors pass through, unreachable is a 503, no retries (writes). */
@ApplicationScoped
public class CatalogMcpServers {

    private static final Logger LOG = Logger.getLogger(CatalogMcpServers.class);

    @Inject
    @RestClient
    CatalogMcpServersApi api;

    public Uni<JsonNode> list() {
        return data(api.list());
    }

    public Uni<JsonNode> get(String id) {
        return data(api.get(id));
    }

    /** {@code {before, after}}. */
    public Uni<JsonNode> create(String actor, McpServerRequests.Create request) {
        return data(api.create(actor, request));
    }

    public Uni<JsonNode> patch(String actor, String id, McpServerRequests.Patch request) {
        return data(api.patch(actor, id, request));
    }

    public Uni<JsonNode> delete(String actor, String id, String reason) {
        return data(api.delete(actor, id, reason));
    }

    public Uni<JsonNode> sync(String actor, String id, String reason) {
        return data(api.sync(actor, id, reason));
    }

    private static Uni<JsonNode> data(Uni<ObjectNode> call) {
        return call.map(body -> body.path("data")).onFailure(f -> !(f instanceof ApiException)).transform(f -> {
            LOG.warnf("catalog-service unreachable: %s", f.toString());
            return ApiException.unavailable("catalog_unavailable", "The model catalog is unavailable; try again shortly.");
        });
    }
}
