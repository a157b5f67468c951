package io.jansuite.inference.neighbour;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** An enabled MCP server from the catalog: its URL and headers (secrets: never logged, never returned), its tools. */
public record McpServerEntry(String id, String name, String url, Map<String, String> headers, List<Tool> tools) {

    public record Tool(String id, String name, String description, boolean enabled, Filter contentFilter,
            JsonNode inputSchema) {
    }

    public record Filter(List<String> disallowedKeywords, List<String> disallowedPatterns) {
    }
}
