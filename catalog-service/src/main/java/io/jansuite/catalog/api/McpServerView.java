package io.jansuite.catalog.api;

import java.time.Instant;
import java.util.List;

/** An MCP server as admins see it: the names of its headers, never their values. */
public record McpServerView(String id, String name, String url, List<String> headerNames, boolean enabled,
        Instant lastSyncedAt, Instant createdAt, Instant updatedAt) {
}
