package io.jansuite.inference.client;

import java.util.List;

/** Where a public model is served: its enabled targets in priority order (catalog-service's answer). */
public record Route(String model, String catalogId, boolean enabled, List<Target> targets) {

    public Route {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** The id usage is counted under: the catalog entry, or the model as named. */
    public String usageKey() {
        return catalogId != null ? catalogId : model;
    }
}
