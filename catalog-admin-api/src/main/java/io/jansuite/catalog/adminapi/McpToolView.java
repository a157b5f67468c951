package io.jansuite.catalog.adminapi;

import java.time.Instant;
import java.util.List;

/** An MCP tool; {@code is_active} mirrors {@code enabled} for Jan clients. */
public record McpToolView(String id, String name, String description, boolean enabled, boolean isActive,
        ContentFilter contentFilter, Instant createdAt, Instant updatedAt) {

    public record ContentFilter(List<String> disallowedKeywords, List<String> disallowedPatterns) {
    }
}
