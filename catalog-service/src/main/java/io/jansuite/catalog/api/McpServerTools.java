package io.jansuite.catalog.api;

import io.jansuite.catalog.adminapi.McpToolView;
import java.util.List;
import java.util.Map;

/**
 * For the inference-service only: an enabled server with what it needs to call it (its URL and decrypted
 * headers) and its tools with their switches and content filters.
 */
public record McpServerTools(String id, String name, String url, Map<String, String> headers, List<McpToolView> tools) {
}
