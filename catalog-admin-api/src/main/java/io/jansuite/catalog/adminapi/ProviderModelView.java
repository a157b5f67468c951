package io.jansuite.catalog.adminapi;

import java.time.Instant;
import java.util.List;

/** A provider model as the admin API shows it. {@code provider} is the provider's name. */
public record ProviderModelView(String id, String modelId, String provider, String providerId, String providerType,
        boolean enabled, Integer contextWindow, List<String> capabilities, Double defaultTemperature,
        RateLimit rateLimit, List<String> tags, Instant createdAt, Instant updatedAt) {

    public record RateLimit(Integer requestsPerMinute) {
    }
}
