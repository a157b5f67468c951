package io.jansuite.catalog.adminapi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A provider model as the admin API shows it. {@code provider} is the provider's name; {@code pricing}
 * is what budgets are spent at. */
public record ProviderModelView(String id, String modelId, String provider, String providerId, String providerType,
        boolean enabled, Integer contextWindow, List<String> capabilities, Double defaultTemperature,
        RateLimit rateLimit, List<String> tags, Instant createdAt, Instant updatedAt, Pricing pricing) {

    public record RateLimit(Integer requestsPerMinute) {
    }

    /** USD per million input and output tokens (null: not priced); budgets are spent at these prices. */
    public record Pricing(BigDecimal inputPerMillionUsd, BigDecimal outputPerMillionUsd) {
    }
}
