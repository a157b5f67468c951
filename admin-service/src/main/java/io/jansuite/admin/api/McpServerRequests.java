package io.jansuite.admin.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Bodies of {@code /v1/admin/mcp-servers}; header values are secrets, forwarded to the catalog only. */
public final class McpServerRequests {

    private McpServerRequests() {
    }

    private static final String URL = "https?://[^\\s]+";

    public record Create(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 letters, digits, _ or -") String name,
            @NotBlank @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http or https URL") String url,
            @Size(max = 20) Map<String, @Size(max = 4000) String> headers,
            Boolean enabled,
            @Size(max = 500) String reason) {
    }

    public record Patch(
            @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http or https URL") String url,
            @Size(max = 20) Map<String, @Size(max = 4000) String> headers,
            Boolean enabled,
            @Size(max = 500) String reason) {
    }
}
