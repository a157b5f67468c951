package io.jansuite.catalog.client;

import io.jansuite.catalog.config.CatalogConfig;
import io.jansuite.common.error.ApiException;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The tools an MCP server offers, asked over its streamable HTTP transport with the official MCP Java SDK
 * (blocking, so on a worker thread), with the server's headers and a bounded wait.
 */
@ApplicationScoped
public class McpServerTools {

    private static final Logger LOG = Logger.getLogger(McpServerTools.class);

    @Inject
    CatalogConfig config;

    /** One tool as the server describes it. */
    public record Tool(String name, String description, Map<String, Object> inputSchema) {
    }

    public Uni<List<Tool>> list(String url, Map<String, String> headers) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Uni<List<Tool>> listed = Uni.createFrom().item(() -> listNow(url, headers))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        // Back on the caller's Vert.x context: the reactive session that stores the result lives there.
        return context == null ? listed : listed.emitOn(task -> context.runOnContext(v -> task.run()));
    }

    private List<Tool> listNow(String url, Map<String, String> headers) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder();
        headers.forEach(request::header);
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .requestBuilder(request).connectTimeout(config.sync().connectTimeout()).build();
        try (McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(config.sync().toolsTimeout()).initializationTimeout(config.sync().toolsTimeout())
                .clientInfo(new McpSchema.Implementation("jansuite-catalog", "1.0.0")).build()) {
            client.initialize();
            List<Tool> out = new ArrayList<>();
            String cursor = null;
            do {
                McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
                for (McpSchema.Tool t : page.tools()) {
                    Map<String, Object> schema = t.inputSchema() == null ? Map.of("type", "object", "properties", Map.of())
                            : t.inputSchema();
                    out.add(new Tool(t.name(), t.description() == null ? "" : t.description(), schema));
                }
                cursor = page.nextCursor();
            } while (cursor != null && out.size() < 1000);
            return out;
        } catch (RuntimeException e) {
            LOG.warnf("MCP server at %s could not be listed: %s", uri.getRawAuthority(), e.getClass().getName());
            throw new ApiException(502, "mcp_server_unreachable", "The MCP server did not answer tools/list: "
                    + e.getClass().getSimpleName() + ".", null);
        }
    }
}
