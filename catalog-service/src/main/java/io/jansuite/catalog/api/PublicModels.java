package io.jansuite.catalog.api;

import java.util.List;

/** The shapes of the public model routes. */
public final class PublicModels {

    private PublicModels() {
    }

    /** {@code GET /v1/models}: OpenAI's list, raw. */
    public record ModelList(String object, List<Model> data) {
    }

    public record Model(String id, String object, long created, String ownedBy) {
    }

    /** One entry of {@code GET /v1/models/catalogs}. */
    public record Catalog(String id, String object, String name, String provider, List<String> capabilities,
            Integer contextWindow, String ownedBy, long created) {
    }
}
