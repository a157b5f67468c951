package io.jansuite.catalog.service;

import io.jansuite.catalog.McpTool;
import io.jansuite.catalog.adminapi.Change;
import io.jansuite.catalog.adminapi.McpToolView;
import io.jansuite.catalog.adminapi.AdminRequests.McpToolPatch;
import io.jansuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The MCP tool registry: which tools are on, and what their content filters refuse. */
@ApplicationScoped
public class McpToolService {

    static final String KEYWORDS = "disallowed_keywords";
    static final String PATTERNS = "disallowed_patterns";
    private static final int MAX_ENTRIES = 200;
    private static final int MAX_LENGTH = 500;

    @Inject
    CatalogVersion version;

    @WithSession
    public Uni<List<McpToolView>> list(boolean enabledOnly) {
        return McpTool.<McpTool>list(enabledOnly ? "enabled = true order by name" : "order by name")
                .map(tools -> tools.stream().map(McpToolService::view).toList());
    }

    /** Null when there is no such tool (by id or name). */
    @WithTransaction
    public Uni<Change<McpToolView>> patch(String id, McpToolPatch patch) {
        Boolean enabled = patch.enabled() != null ? patch.enabled() : patch.isActive();
        Map<String, Object> filter = patch.contentFilter() == null ? null : validate(patch.contentFilter());
        return McpTool.<McpTool>find("id = ?1 or name = ?1", id).firstResult().flatMap(tool -> {
            if (tool == null) {
                return Uni.createFrom().nullItem();
            }
            McpToolView before = view(tool);
            if (enabled != null) {
                tool.enabled = enabled;
            }
            if (filter != null) {
                Map<String, Object> merged = new HashMap<>(tool.contentFilter == null ? Map.of() : tool.contentFilter);
                merged.putAll(filter);
                tool.contentFilter = merged;
            }
            tool.updatedAt = Instant.now();
            return version.bump().replaceWith(() -> new Change<>(before, view(tool)));
        });
    }

    /** The recognised lists, checked; a field left out keeps its stored value. */
    static Map<String, Object> validate(Map<String, Object> filter) {
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<String, Object> field : filter.entrySet()) {
            String name = field.getKey();
            if (!KEYWORDS.equals(name) && !PATTERNS.equals(name)) {
                throw ApiException.badRequest("invalid_value", "content_filter." + name + " is not a known field.",
                        "content_filter." + name);
            }
            List<String> values = strings(field.getValue(), "content_filter." + name);
            if (PATTERNS.equals(name)) {
                for (int i = 0; i < values.size(); i++) {
                    try {
                        Pattern.compile(values.get(i));
                    } catch (PatternSyntaxException e) {
                        throw ApiException.badRequest("invalid_pattern", "content_filter." + PATTERNS + "[" + i
                                + "] is not a valid regular expression: " + e.getDescription() + ".",
                                "content_filter." + PATTERNS + "[" + i + "]");
                    }
                }
            }
            out.put(name, values);
        }
        return out;
    }

    private static List<String> strings(Object value, String param) {
        if (!(value instanceof List<?> list)) {
            throw ApiException.badRequest("invalid_value", param + " must be a list of strings.", param);
        }
        if (list.size() > MAX_ENTRIES) {
            throw ApiException.badRequest("invalid_value", param + " may hold at most " + MAX_ENTRIES + " entries.", param);
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s) || s.isBlank() || s.length() > MAX_LENGTH) {
                throw ApiException.badRequest("invalid_value", param + "[" + i + "] must be a non-empty string of at most "
                        + MAX_LENGTH + " characters.", param + "[" + i + "]");
            }
            out.add(s);
        }
        return new ArrayList<>(out);
    }

    @SuppressWarnings("unchecked")
    public static McpToolView view(McpTool t) {
        Map<String, Object> f = t.contentFilter == null ? Map.of() : t.contentFilter;
        List<String> keywords = f.get(KEYWORDS) instanceof List<?> k ? (List<String>) k : List.of();
        List<String> patterns = f.get(PATTERNS) instanceof List<?> p ? (List<String>) p : List.of();
        return new McpToolView(t.id, t.name, t.description, t.enabled, t.enabled,
                new McpToolView.ContentFilter(keywords, patterns), t.serverId, t.inputSchema, t.createdAt, t.updatedAt);
    }
}
