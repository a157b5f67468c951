package io.jansuite.catalog.adminapi;

import java.time.Instant;
import java.util.List;

/**
 * A catalog entry for admins: {@code provider} is the provider of its first serving model, {@code models} the
 * serving provider models in priority order, {@code servable} whether a client can use it now.
 */
public record CatalogView(String publicId, String name, String provider, boolean enabled, boolean servable,
        List<String> capabilities, Integer contextWindow, List<ProviderModelView> models, Instant createdAt,
        Instant updatedAt) {
}
