package io.jansuite.inference.neighbour;

import io.jansuite.inference.provider.Target;
import java.util.List;

/**
 * Where a public model is served: its enabled targets in priority order (catalog-service's answer), and the
 * model's context window in tokens when the catalog knows it.
 */
public record Route(String model, String catalogId, boolean enabled, Integer contextWindow, List<Target> targets) {

    public Route {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public Route(String model, String catalogId, boolean enabled, List<Target> targets) {
        this(model, catalogId, enabled, null, targets);
    }

    /** The id usage is counted under: the catalog entry, or the model as named. */
    public String usageKey() {
        return catalogId != null ? catalogId : model;
    }
}
