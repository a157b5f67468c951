package io.jansuite.inference.service;

import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.neighbour.CatalogRoutes;
import io.jansuite.inference.neighbour.Route;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one gate every model call passes (chat completions, embeddings, messages, responses; regenerate
 * comes through chat completions): an API key limited to some models is refused any other with
 * {@code 403 model_not_allowed}, before the catalog is even asked, and an unknown model is
 * {@code 404 model_not_found}. Ids are compared exactly, as the client sent them and as the catalog
 * answered them, so no alias or spelling slips past.
 */
@ApplicationScoped
public class ModelAccess {

    @Inject
    CatalogRoutes routes;

    /** The route of a model the caller may use; fails with the 403 or 404 above. */
    public Uni<Route> route(Caller caller, String model) {
        if (caller != null && !caller.mayUse(model)) {
            return Uni.createFrom().failure(notAllowed(model));
        }
        return routes.find(model).map(route -> {
            if (route == null) {
                throw ApiException.notFound("model_not_found", "The model " + model + " does not exist or is disabled.");
            }
            if (caller != null && route.model() != null && !caller.mayUse(route.model())) {
                throw notAllowed(model);
            }
            return route;
        });
    }

    private static ApiException notAllowed(String model) {
        return new ApiException(403, "model_not_allowed", "This API key may not use the model " + model + ".", "model");
    }
}
