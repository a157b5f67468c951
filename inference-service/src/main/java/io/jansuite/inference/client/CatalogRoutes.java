package io.jansuite.inference.client;

import io.jansuite.common.error.ApiException;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Routes from the catalog-service. With Redis, they are cached and the cache is emptied by the catalog's
 * change notices ({@link RouteCache}), so a change still takes effect on the next completion of every
 * replica; without Redis, each completion looks its route up (one internal call).
 */
@ApplicationScoped
public class CatalogRoutes {

    private static final Logger LOG = Logger.getLogger(CatalogRoutes.class);

    @RestClient
    CatalogClient client;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "app.redis.url")
    Optional<String> redisUrl;

    @ConfigProperty(name = "app.completions.route-cache-ttl", defaultValue = "30s")
    Duration ttl;

    private RouteCache cache;

    @PostConstruct
    void init() {
        cache = new RouteCache(vertx, redisUrl.orElse(null), ttl);
    }

    @PreDestroy
    void close() {
        cache.close();
    }

    /** The route of a model, or null when the catalog does not know it or it is disabled. */
    public Uni<Route> find(String model) {
        return cache.find(model, this::lookup);
    }

    private Uni<Route> lookup(String model) {
        return client.route(model)
                .map(envelope -> envelope == null ? null : envelope.data())
                .onFailure(ApiException.class).recoverWithUni(e -> {
                    int status = ((ApiException) e).status();
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
