package io.jansuite.inference.client;

import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Routes from the catalog-service, looked up on every completion: a change in the catalog takes effect on
 * the very next request on every replica, at the cost of one internal call.
 */
@ApplicationScoped
public class CatalogRoutes {

    private static final Logger LOG = Logger.getLogger(CatalogRoutes.class);

    @RestClient
    CatalogClient client;

    /** The route of a model, or null when the catalog does not know it or it is disabled. */
    public Uni<Route> find(String model) {
        return client.route(model)
                .map(envelope -> envelope == null ? null : envelope.data())
                .onFailure(WebApplicationException.class).recoverWithUni(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    if (status == 404) {
                        return Uni.createFrom().nullItem();
                    }
                    LOG.warnf("catalog-service answered %d for route %s", status, model);
                    return Uni.createFrom().failure(unavailable());
                })
                .onFailure(f -> !(f instanceof ApiException)).transform(f -> {
                    LOG.warnf("catalog-service unreachable: %s", f.toString());
                    return unavailable();
                })
                .map(route -> route == null || !route.enabled() ? null : route);
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("catalog_unavailable", "The model catalog is unavailable; try again shortly.");
    }
}
