package io.jansuite.inference.neighbour;

import io.jansuite.common.config.RedisConfig;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.config.InferenceConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Routes from the catalog-service, cached in memory ({@link RouteCache}) by the catalog's version, which is
 * followed by a long-poll ({@link CatalogVersionFollower}) and, with Redis, also by its change notices. While
 * the catalog (or its database) is unreachable, completions use the last known routes; the gauge
 * {@code jansuite_routes_stale_seconds} says for how long.
 */
@ApplicationScoped
public class CatalogRoutes {

    private static final Logger LOG = Logger.getLogger(CatalogRoutes.class);

    @RestClient
    CatalogApi client;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry metrics;

    @Inject
    RedisConfig redis;

    /**
     * How long the catalog holds a version poll while nothing changes (it answers at once on a change): below
     * the REST client's read timeout, and short, as a poll in flight delays the catalog's graceful shutdown.
     */
    @Inject
    InferenceConfig config;

    private final RouteCache cache = new RouteCache();
    private CatalogVersionFollower follower;
    private CatalogChangeNotices notices;

    /** At start-up, outside any request, so the poll carries no request's context. */
    void start(@Observes StartupEvent event) {
        Duration versionWait = config.catalogVersionWait();
        follower = new CatalogVersionFollower(vertx, cache, after -> client.version(after, versionWait.toSeconds())
                .map(envelope -> envelope.data().version())
                .ifNoItem().after(versionWait.plusSeconds(3)).fail(), Duration.ofSeconds(1));
        follower.start();
        if (redis.configured().isPresent()) {
            notices = new CatalogChangeNotices(vertx, redis.configured().get(), cache::versionAnnounced);
        }
        Gauge.builder("jansuite.routes.stale", cache, RouteCache::staleSeconds).baseUnit("seconds")
                .description("How long the routes in use have not been confirmed by the catalog (0: it answers)")
                .register(metrics);
    }

    void stop(@Observes ShutdownEvent event) {
        follower.close();
        if (notices != null) {
            notices.close();
        }
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
