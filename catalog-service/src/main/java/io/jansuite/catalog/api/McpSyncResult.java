package io.jansuite.catalog.api;

import io.jansuite.catalog.adminapi.McpToolView;
import java.util.List;

/** What a sync did: the server's tools now in the registry, and how many were added and removed. */
public record McpSyncResult(String serverId, int added, int removed, List<McpToolView> tools) {
}
