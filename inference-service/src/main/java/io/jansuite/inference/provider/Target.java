package io.jansuite.inference.provider;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One provider model that can serve a route. {@code timeouts} may hold {@code connect_ms},
 * {@code first_byte_ms} and {@code idle_ms}; {@code settings} (the provider's) may hold the simulator's
 * {@code ttft_ms}, {@code tpot_ms} and {@code failure_rate}, and timeouts too; {@code capabilities} are the
 * provider model's ({@code embeddings}, {@code chat}, ...); the prices (USD per million tokens, null: not
 * priced) are what budgets are spent at.
 */
public record Target(String providerModelId, String providerId, String providerName, String providerType,
        String baseUrl, String apiKey, String upstreamModel, Double defaultTemperature, Integer requestsPerMinute,
        Map<String, Object> timeouts, Map<String, Object> settings, List<String> capabilities,
        BigDecimal inputPricePerMillionUsd, BigDecimal outputPricePerMillionUsd) {

    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    public static final String SIMULATOR = "simulator";

    public Target {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    public boolean can(String capability) {
        return capabilities.contains(capability);
    }

    /** A number from {@code timeouts}, then {@code settings}, under any of the given names; null when absent. */
    public Double number(String... names) {
        for (Map<String, Object> source : new Map[] { timeouts, settings }) {
            if (source == null) {
                continue;
            }
            for (String name : names) {
                Object value = source.get(name);
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                if (value instanceof String s && !s.isBlank()) {
                    try {
                        return Double.parseDouble(s.trim());
                    } catch (NumberFormatException ignored) {
                        // not a number: treated as absent
                    }
                }
            }
        }
        return null;
    }

    /** Milliseconds from the target's settings, or the default. */
    public long millis(long defaultMs, String... names) {
        Double value = number(names);
        return value == null || value < 0 ? defaultMs : value.longValue();
    }

    /** Where breaker state and logs attribute a failure: the provider, else the provider model. */
    public String providerKey() {
        return providerId != null ? providerId : providerModelId;
    }

    @Override
    public String toString() {
        return "Target[" + providerName + "/" + upstreamModel + "]";
    }
}
