package io.jansuite.catalog.adminapi;

import java.time.Instant;
import java.util.Map;

/** A provider as the admin API shows it: never the key, only whether one is stored. */
public record ProviderView(String id, String name, String type, String baseUrl, boolean enabled, boolean hasApiKey,
        Map<String, Object> settings, Instant createdAt, Instant updatedAt) {
}
