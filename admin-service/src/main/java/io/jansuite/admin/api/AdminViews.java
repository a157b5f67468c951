package io.jansuite.admin.api;

import io.jansuite.catalog.adminapi.CatalogView;
import io.jansuite.catalog.adminapi.ProviderModelView;
import io.jansuite.catalog.adminapi.ProviderView;
import java.time.Instant;
import java.util.List;

/**
 * The response shapes the admin API adds to the catalog's own ({@code io.jansuite.catalog.adminapi}, where the
 * audit log's {@code AuditEvent} is too): usage totals and counts of bulk toggles.
 */
public final class AdminViews {

    private AdminViews() {
    }

    /** A catalog entry with the number of completions served under its name. */
    public record CatalogWithUsage(String publicId, String name, String provider, boolean enabled, boolean servable,
            List<String> capabilities, Integer contextWindow, List<ProviderModelView> models, long totalRequests,
            Instant createdAt, Instant updatedAt) {

        public static CatalogWithUsage of(CatalogView c, long totalRequests) {
            return new CatalogWithUsage(c.publicId(), c.name(), c.provider(), c.enabled(), c.servable(), c.capabilities(),
                    c.contextWindow(), c.models(), totalRequests, c.createdAt(), c.updatedAt());
        }
    }

    /** {@code {data:{count}}} of the bulk toggles. */
    public record Count(int count) {
    }

    /** {@code {data: provider}} and {@code {data: catalog}}: the 201 bodies, named for the API reference. */
    public record ProviderEnvelope(ProviderView data) {
    }

    public record CatalogEnvelope(CatalogView data) {
    }
}
