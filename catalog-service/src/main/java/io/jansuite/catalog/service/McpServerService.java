package io.jansuite.catalog.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.catalog.McpServer;
import io.jansuite.catalog.McpTool;
import io.jansuite.catalog.adminapi.Change;
import io.jansuite.catalog.adminapi.McpServerRequests;
import io.jansuite.catalog.api.McpServerTools;
import io.jansuite.catalog.api.McpServerView;
import io.jansuite.catalog.api.McpSyncResult;
import io.jansuite.catalog.adminapi.McpToolView;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.http.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MCP servers: registered, changed and removed by admins (answers carry before and after, for the audit
 * log), and synced: the server's {@code tools/list} becomes its tools in the registry, new ones enabled, known
 * ones keeping their switch and content filter, vanished ones removed. Headers are encrypted at rest.
 */
@ApplicationScoped
public class McpServerService {

    /**
     * The server label of the suite's own tools (those with no server: {@code conversation_search},
     * {@code web_fetch}), which the inference-service runs itself; its URL says so. No admin server can take it.
     */
    public static final String BUILTIN_LABEL = "jan";
    public static final String BUILTIN_URL = "builtin:jan";

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    @Inject
    ProviderKeyCipher cipher;

    @Inject
    io.jansuite.catalog.client.McpServerTools remote;

    @Inject
    CatalogVersion version;

    @Inject
    ObjectMapper json;

    public Uni<List<McpServerView>> list() {
        return Panache.withSession(() -> McpServer.<McpServer>list("order by name"))
                .map(servers -> servers.stream().map(McpServerService::view).toList());
    }

    public Uni<McpServerView> get(String id) {
        return Panache.withSession(() -> find(id)).map(s -> s == null ? null : view(s));
    }

    public Uni<Change<McpServerView>> create(McpServerRequests.Create request) {
        McpServer server = new McpServer();
        server.id = Ids.next("mcps");
        server.name = request.name();
        server.url = request.url();
        server.enabled = request.enabled() == null || request.enabled();
        setHeaders(server, request.headers());
        server.createdAt = Instant.now();
        server.updatedAt = server.createdAt;
        if (BUILTIN_LABEL.equalsIgnoreCase(request.name())) {
            throw ApiException.conflict("mcp_server_exists", "The name " + request.name()
                    + " is the built-in tools' server label; choose another.", null);
        }
        return Panache.withTransaction(() -> McpServer.count("name", request.name()).chain(n -> {
            if (n > 0) {
                return Uni.createFrom().failure(ApiException.conflict("mcp_server_exists",
                        "An MCP server named " + request.name() + " exists already.", null));
            }
            return server.persist().chain(() -> version.bump()).replaceWith(() -> new Change<>(null, view(server)));
        }));
    }

    /** Null when there is no such server. */
    public Uni<Change<McpServerView>> patch(String id, McpServerRequests.Patch patch) {
        return Panache.withTransaction(() -> find(id).chain(server -> {
            if (server == null) {
                return Uni.createFrom().nullItem();
            }
            McpServerView before = view(server);
            if (patch.url() != null) {
                server.url = patch.url();
            }
            if (patch.headers() != null) {
                setHeaders(server, patch.headers());
            }
            if (patch.enabled() != null) {
                server.enabled = patch.enabled();
            }
            server.updatedAt = Instant.now();
            return version.bump().replaceWith(() -> new Change<>(before, view(server)));
        }));
    }

    /** Null when there is no such server; its tools go with it. */
    public Uni<Change<McpServerView>> delete(String id) {
        return Panache.withTransaction(() -> find(id).chain(server -> {
            if (server == null) {
                return Uni.createFrom().nullItem();
            }
            McpServerView before = view(server);
            return McpTool.delete("serverId", server.id).chain(() -> server.delete()).chain(version::bump)
                    .replaceWith(() -> new Change<McpServerView>(before, null));
        }));
    }

    /** Null when there is no such server; 502 when it cannot be listed. */
    public Uni<McpSyncResult> sync(String id) {
        return Panache.withSession(() -> find(id)).chain(server -> {
            if (server == null) {
                return Uni.createFrom().nullItem();
            }
            return remote.list(server.url, headers(server)).chain(listed -> Panache.withTransaction(() ->
                    McpTool.<McpTool>list("serverId", server.id).chain(known -> apply(server.id, known, listed))));
        });
    }

    private Uni<McpSyncResult> apply(String serverId, List<McpTool> known,
            List<io.jansuite.catalog.client.McpServerTools.Tool> listed) {
        Map<String, McpTool> byName = new HashMap<>();
        known.forEach(t -> byName.put(t.name, t));
        Map<String, McpTool> kept = new TreeMap<>();
        int added = 0;
        Instant now = Instant.now();
        List<java.util.function.Supplier<Uni<?>>> writes = new ArrayList<>();
        for (io.jansuite.catalog.client.McpServerTools.Tool t : listed) {
            McpTool tool = byName.remove(t.name());
            if (tool == null) {
                tool = new McpTool();
                tool.id = Ids.next("mcpt");
                tool.serverId = serverId;
                tool.name = t.name();
                tool.enabled = true;
                tool.contentFilter = new HashMap<>(Map.of(McpToolService.KEYWORDS, List.of(), McpToolService.PATTERNS,
                        List.of()));
                tool.createdAt = now;
                McpTool fresh = tool;
                writes.add(() -> fresh.persist());
                added++;
            }
            tool.description = t.description();
            tool.inputSchema = new HashMap<>(t.inputSchema());
            tool.updatedAt = now;
            kept.put(tool.name, tool);
        }
        int removed = byName.size();
        for (McpTool gone : byName.values()) {
            writes.add(() -> gone.delete());
        }
        int addedCount = added;
        // One after the other: a reactive session runs one statement at a time.
        Uni<Void> all = Uni.createFrom().voidItem();
        for (java.util.function.Supplier<Uni<?>> write : writes) {
            all = all.chain(() -> write.get()).replaceWithVoid();
        }
        return all.chain(() -> McpServer.<McpServer>findById(serverId)).invoke(s -> s.lastSyncedAt = now)
                .chain(version::bump)
                .replaceWith(() -> new McpSyncResult(serverId, addedCount, removed,
                        kept.values().stream().map(McpToolService::view).toList()));
    }

    /**
     * For the inference-service: an enabled server by name with its tools; null when absent or disabled. The
     * built-in label answers the suite's own tools, with {@link #BUILTIN_URL} as its URL.
     */
    public Uni<McpServerTools> forCalls(String name) {
        if (BUILTIN_LABEL.equals(name)) {
            return Panache.withSession(McpServerService::builtin);
        }
        return Panache.withSession(() -> McpServer.<McpServer>find("name", name).firstResult().chain(server -> {
            if (server == null || !server.enabled) {
                return Uni.createFrom().nullItem();
            }
            return McpTool.<McpTool>list("serverId = ?1 order by name", server.id).map(tools -> new McpServerTools(
                    server.id, server.name, server.url, headers(server),
                    tools.stream().map(McpToolService::view).toList()));
        }));
    }

    /** For the MCP gateway: the built-in server, then every enabled server, each with its tools. */
    public Uni<List<McpServerTools>> allForCalls() {
        return Panache.withSession(() -> builtin().chain(builtin -> McpServer.<McpServer>list("enabled = true order by name")
                .chain(servers -> McpTool.<McpTool>list("serverId is not null order by name").map(tools -> {
                    List<McpServerTools> out = new ArrayList<>();
                    out.add(builtin);
                    for (McpServer server : servers) {
                        out.add(new McpServerTools(server.id, server.name, server.url, headers(server), tools.stream()
                                .filter(t -> t.serverId.equals(server.id)).map(McpToolService::view).toList()));
                    }
                    return out;
                }))));
    }

    private static Uni<McpServerTools> builtin() {
        return McpTool.<McpTool>list("serverId is null order by name").map(tools -> new McpServerTools("builtin",
                BUILTIN_LABEL, BUILTIN_URL, Map.of(), tools.stream().map(McpToolService::view).toList()));
    }

    private static Uni<McpServer> find(String id) {
        return McpServer.<McpServer>find("id = ?1 or name = ?1", id).firstResult();
    }

    private void setHeaders(McpServer server, Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            server.headersEncrypted = null;
            server.headerNames = new ArrayList<>();
            return;
        }
        for (String name : headers.keySet()) {
            if (!name.matches("[A-Za-z0-9-]{1,100}")) {
                throw ApiException.badRequest("invalid_value", "headers: '" + name + "' is not a valid header name.",
                        "headers");
            }
        }
        try {
            server.headersEncrypted = cipher.encrypt(json.writeValueAsString(new TreeMap<>(headers)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        server.headerNames = new ArrayList<>(new TreeMap<>(headers).keySet());
    }

    private Map<String, String> headers(McpServer server) {
        if (server.headersEncrypted == null) {
            return Map.of();
        }
        try {
            return json.readValue(cipher.decrypt(server.headersEncrypted), HEADERS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored MCP headers are not JSON", e);
        }
    }

    static McpServerView view(McpServer s) {
        return new McpServerView(s.id, s.name, s.url, List.copyOf(s.headerNames), s.enabled, s.lastSyncedAt,
                s.createdAt, s.updatedAt);
    }
}
