package io.jansuite.catalog.adminapi;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Bodies of the MCP server admin routes (the admin-service forwards them to the catalog-service as they are). Header values are secrets: stored encrypted, never returned. */
public final class McpServerRequests {

    private McpServerRequests() {
    }

    private static final String URL = "https?://[^\\s]+";

    /** {@code name} is the {@code server_label} responses use: letters, digits, _ and -. */
    public record Create(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 letters, digits, _ or -") String name,
            @NotBlank @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http or https URL") String url,
            @Size(max = 20) Map<String, @Size(max = 4000) String> headers,
            Boolean enabled,
            @Size(max = 500) String reason) {
    }

    /** Fields left out keep their values; {@code headers} replaces all headers ({@code {}} removes them). */
    public record Patch(
            @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http or https URL") String url,
            @Size(max = 20) Map<String, @Size(max = 4000) String> headers,
            Boolean enabled,
            @Size(max = 500) String reason) {
    }
}
