package io.jansuite.catalog.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /internal/routes/{model}}: where the inference-service sends a request for a public model.
 * {@code contextWindow} (tokens) is the entry's, else the smallest of its targets', null when none is known.
 */
public record RouteView(String model, String catalogId, boolean enabled, Integer contextWindow, List<Target> targets) {

    /**
     * One enabled provider model, in priority order. {@code api_key} is decrypted; {@code settings} are the
     * provider's settings (for the simulator: ttft_ms, tpot_ms, failure_rate); {@code capabilities} the
     * provider model's (an embeddings request goes only to those with {@code embeddings}); the prices (USD
     * per million tokens, null when not priced) are what the inference-service spends budgets at.
     */
    public record Target(String providerModelId, String providerId, String providerName, String providerType,
            String baseUrl, String apiKey, String upstreamModel, Double defaultTemperature, Integer requestsPerMinute,
            Map<String, Object> timeouts, Map<String, Object> settings, List<String> capabilities,
            BigDecimal inputPricePerMillionUsd, BigDecimal outputPricePerMillionUsd) {
    }
}
