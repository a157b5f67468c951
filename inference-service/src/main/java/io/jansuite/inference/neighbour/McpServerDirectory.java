package io.jansuite.inference.neighbour;

import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** The MCP servers a response names, looked up in the catalog-service: null when none is enabled by that name. */
@ApplicationScoped
public class McpServerDirectory {

    private static final Logger LOG = Logger.getLogger(McpServerDirectory.class);

    @RestClient
    CatalogMcpServersApi catalog;

    /** The built-in server and every enabled one, for the MCP gateway. */
    public Uni<java.util.List<McpServerEntry>> all() {
        return catalog.all().map(a -> a.data() == null ? java.util.List.<McpServerEntry>of() : a.data())
                .ifNoItem().after(Duration.ofSeconds(5)).failWith(() -> new IllegalStateException("catalog timed out"))
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> {
                    LOG.warnf("catalog-service unavailable for MCP servers: %s", e.toString());
                    return ApiException.unavailable("catalog_unavailable", "MCP servers are unavailable; try again shortly.");
                });
    }

    public Uni<McpServerEntry> find(String name) {
        return catalog.server(name).map(CatalogMcpServersApi.Envelope::data)
                .ifNoItem().after(Duration.ofSeconds(5)).failWith(() -> new IllegalStateException("catalog timed out"))
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithNull()
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> {
                    LOG.warnf("catalog-service unavailable for MCP servers: %s", e.toString());
                    return ApiException.unavailable("catalog_unavailable", "MCP servers are unavailable; try again shortly.");
                });
    }
}
