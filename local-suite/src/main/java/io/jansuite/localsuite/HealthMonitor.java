package io.jansuite.localsuite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readiness of every service, from its {@code /q/health/ready}, probed with a short timeout and cached for
 * at most {@code cacheMillis} so that a dead service shows within seconds while {@code /healthz} stays cheap.
 */
public final class HealthMonitor {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    private final HttpClient client;
    private final Map<String, Ingress.Upstream> upstreams;
    private final long timeoutMillis;
    private final long cacheMillis;
    private Future<Map<String, String>> last;
    private long lastAt;

    HealthMonitor(Vertx vertx, Map<String, Ingress.Upstream> upstreams, long timeoutMillis, long cacheMillis) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeoutMillis)
                .setKeepAlive(true));
        this.upstreams = new LinkedHashMap<>(upstreams);
        this.timeoutMillis = timeoutMillis;
        this.cacheMillis = cacheMillis;
    }

    /** Service name to UP or DOWN, in the order of the route table. */
    public synchronized Future<Map<String, String>> statuses() {
        long now = System.nanoTime();
        if (last == null || (now - lastAt) / 1_000_000 >= cacheMillis) {
            last = probeAll();
            lastAt = now;
        }
        return last;
    }

    /** True when every service is UP. */
    public Future<Boolean> allUp() {
        return statuses().map(s -> s.values().stream().allMatch(UP::equals));
    }

    private Future<Map<String, String>> probeAll() {
        List<String> names = new ArrayList<>(upstreams.keySet());
        List<Future<String>> probes = new ArrayList<>();
        for (String name : names) {
            probes.add(probe(upstreams.get(name)));
        }
        return Future.join(probes).transform(ignored -> {
            Map<String, String> result = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                Future<String> f = probes.get(i);
                result.put(names.get(i), f.succeeded() ? f.result() : DOWN);
            }
            return Future.succeededFuture(result);
        });
    }

    private Future<String> probe(Ingress.Upstream upstream) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(upstream.port(), upstream.host()))
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setURI("/q/health/ready")
                .setTimeout(timeoutMillis);
        return client.request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> resp.statusCode() == 200 ? UP : DOWN))
                .otherwise(DOWN);
    }

    Future<Void> close() {
        return client.close();
    }
}
