package io.jansuite.admin.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The response shapes of the admin API (the catalog-service's answers, minus anything secret). */
public final class AdminViews {

    private AdminViews() {
    }

    public record ProviderModel(String id, String modelId, String provider, String providerId, String providerType,
            boolean enabled, Integer contextWindow, List<String> capabilities, Double defaultTemperature,
            RateLimit rateLimit, List<String> tags, Instant createdAt, Instant updatedAt) {
    }

    public record RateLimit(Integer requestsPerMinute) {
    }

    /** As the catalog-service lists it. */
    public record Catalog(String publicId, String name, String provider, boolean enabled, boolean servable,
            List<String> capabilities, Integer contextWindow, List<ProviderModel> models, Instant createdAt,
            Instant updatedAt) {
    }

    /** As the admin API shows it: with the number of completions served under its name. */
    public record CatalogWithUsage(String publicId, String name, String provider, boolean enabled, boolean servable,
            List<String> capabilities, Integer contextWindow, List<ProviderModel> models, long totalRequests,
            Instant createdAt, Instant updatedAt) {

        public static CatalogWithUsage of(Catalog c, long totalRequests) {
            return new CatalogWithUsage(c.publicId(), c.name(), c.provider(), c.enabled(), c.servable(), c.capabilities(),
                    c.contextWindow(), c.models(), totalRequests, c.createdAt(), c.updatedAt());
        }
    }

    /** Never the key: only whether one is stored. */
    public record Provider(String id, String name, String type, String baseUrl, boolean enabled, boolean hasApiKey,
            Map<String, Object> settings, Instant createdAt, Instant updatedAt) {
    }

    public record SyncResult(Provider provider, int imported, List<ProviderModel> models) {
    }

    /** {@code server_id}: the MCP server it was synced from (null: the suite's own). */
    public record McpTool(String id, String name, String description, boolean enabled, boolean isActive,
            ContentFilter contentFilter, String serverId, Instant createdAt, Instant updatedAt) {
    }

    public record ContentFilter(List<String> disallowedKeywords, List<String> disallowedPatterns) {
    }

    /** A change as the catalog-service reports it. */
    public record Change<T>(T before, T after) {
    }

    public record BulkResult(int count, List<BulkItem> changes) {
    }

    public record BulkItem(String id, boolean before, boolean after) {
    }

    /** {@code {data:{count}}} of the bulk toggles. */
    public record Count(int count) {
    }

    public record AuditRecord(long id, String actorUserId, String actorKeyId, String action, String targetType,
            List<String> targetIds, String reason, Map<String, Object> before, Map<String, Object> after,
            String requestId, Instant createdAt) {
    }

    /** {@code {data: provider}} and {@code {data: catalog}}: the 201 bodies, named for the API reference. */
    public record ProviderEnvelope(Provider data) {
    }

    public record CatalogEnvelope(Catalog data) {
    }
}
