package io.jansuite.catalog.adminapi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An MCP tool and the server it comes from (null: the suite's own); {@code is_active} mirrors {@code enabled}. */
public record McpToolView(String id, String name, String description, boolean enabled, boolean isActive,
        ContentFilter contentFilter, String serverId, Map<String, Object> inputSchema, Instant createdAt,
        Instant updatedAt) {

    public record ContentFilter(List<String> disallowedKeywords, List<String> disallowedPatterns) {
    }
}
