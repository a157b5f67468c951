package io.jansuite.localsuite;

import io.jansuite.routes.RouteTable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The unified API on one port: routes each request by path prefix (the route table) to the service that owns
 * it through vertx-http-proxy, answers {@code GET /healthz} from the services' readiness, and answers unknown
 * paths and unreachable services in the contract's error envelope. Reusable from tests: give it any port,
 * route table and upstream addresses.
 */
public final class Ingress {

    /** Where a service listens. */
    public record Upstream(String host, int port) {
        public SocketAddress address() {
            return SocketAddress.inetSocketAddress(port, host);
        }
    }

    /**
     * Tuning. {@code idleTimeoutMillis} bounds a silent upstream on ordinary routes; streaming routes get
     * {@code streamIdleTimeoutMillis}, long enough for a slow model between two events.
     */
    public record Options(int instances, long connectTimeoutMillis, long idleTimeoutMillis, long streamIdleTimeoutMillis,
                          long healthTimeoutMillis, long healthCacheMillis, int poolSizePerService) {

        public static Options defaults() {
            return new Options(Math.max(1, Runtime.getRuntime().availableProcessors()), 2_000, 120_000, 900_000,
                    1_000, 1_000, 256);
        }

        public Options withInstances(int n) {
            return new Options(n, connectTimeoutMillis, idleTimeoutMillis, streamIdleTimeoutMillis, healthTimeoutMillis,
                    healthCacheMillis, poolSizePerService);
        }

        public Options withIdleTimeouts(long idle, long streamIdle) {
            return new Options(instances, connectTimeoutMillis, idle, streamIdle, healthTimeoutMillis, healthCacheMillis,
                    poolSizePerService);
        }
    }

    private final Vertx vertx;
    private final String deploymentId;
    private final int port;
    private final HealthMonitor health;

    private Ingress(Vertx vertx, String deploymentId, int port, HealthMonitor health) {
        this.vertx = vertx;
        this.deploymentId = deploymentId;
        this.port = port;
        this.health = health;
    }

    /** Every service of the table on localhost at its own port. */
    public static Map<String, Upstream> localUpstreams(RouteTable routes) {
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        routes.services().forEach((name, p) -> upstreams.put(name, new Upstream("127.0.0.1", p)));
        return upstreams;
    }

    public static Future<Ingress> start(Vertx vertx, String host, int port, RouteTable routes,
                                        Map<String, Upstream> upstreams, Options options) {
        return start(vertx, host, port, routes, upstreams, options, IngressTracing.off());
    }

    /** As above, with a span of each proxied request ({@code tracing}; the caller closes it). */
    public static Future<Ingress> start(Vertx vertx, String host, int port, RouteTable routes,
                                        Map<String, Upstream> upstreams, Options options, IngressTracing tracing) {
        for (String service : routes.services().keySet()) {
            if (!upstreams.containsKey(service)) {
                return Future.failedFuture(new IllegalArgumentException("No upstream address for " + service));
            }
        }
        HealthMonitor health = new HealthMonitor(vertx, upstreams, options.healthTimeoutMillis(), options.healthCacheMillis());
        return vertx.deployVerticle(() -> new IngressVerticle(host, port, routes, upstreams, options, health, tracing),
                        new DeploymentOptions().setInstances(options.instances()))
                .map(id -> new Ingress(vertx, id, port, health))
                .onFailure(e -> health.close());
    }

    public int port() {
        return port;
    }

    public HealthMonitor health() {
        return health;
    }

    public Future<Void> stop() {
        return vertx.undeploy(deploymentId).eventually(() -> health.close());
    }
}
