package io.jansuite.localsuite.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.routes.RouteTable;
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
 * The merged document of the running services: each service's {@code /q/openapi?format=json} fetched on
 * first use, merged by {@link OpenApiMerger}, and kept for {@code ttlMillis}. A document missing a service
 * (down or restarting) is not kept, so the next request asks again; a service that restarted with new routes
 * shows within the TTL. One instance per event loop: not thread-safe, and needs none.
 */
public final class ApiReference {

    /** Where each service serves its own document. */
    public static final String SERVICE_DOCUMENT = "/q/openapi?format=json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The merged document and the services whose documents could not be fetched. */
    public record Snapshot(ObjectNode document, List<String> missing) {
    }

    private final HttpClient client;
    private final Map<String, SocketAddress> upstreams;
    private final OpenApiMerger merger;
    private final long ttlMillis;
    private final long timeoutMillis;
    private Future<Snapshot> current;
    private long fetchedAt;

    public ApiReference(Vertx vertx, RouteTable routes, Map<String, SocketAddress> upstreams, long ttlMillis,
                        long timeoutMillis) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeoutMillis));
        this.upstreams = new LinkedHashMap<>(upstreams);
        this.merger = new OpenApiMerger(routes);
        this.ttlMillis = ttlMillis;
        this.timeoutMillis = timeoutMillis;
    }

    /** The merged document, without servers (the caller adds its own origin). */
    public Future<Snapshot> snapshot() {
        long now = System.nanoTime();
        boolean stale = current == null
                || (current.isComplete() && (current.failed() || !current.result().missing().isEmpty()
                || (now - fetchedAt) / 1_000_000 >= ttlMillis));
        if (stale) {
            fetchedAt = now;
            current = fetchAll();
        }
        return current;
    }

    private Future<Snapshot> fetchAll() {
        List<String> names = new ArrayList<>(upstreams.keySet());
        List<Future<JsonNode>> fetches = new ArrayList<>();
        names.forEach(name -> fetches.add(fetch(upstreams.get(name))));
        return Future.join(fetches).transform(ignored -> {
            List<OpenApiMerger.ServiceDocument> documents = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (fetches.get(i).succeeded()) {
                    documents.add(new OpenApiMerger.ServiceDocument(names.get(i), fetches.get(i).result()));
                } else {
                    missing.add(names.get(i));
                }
            }
            if (documents.isEmpty()) {
                return Future.failedFuture("no service answered with its OpenAPI document");
            }
            return Future.succeededFuture(new Snapshot(merger.merge(documents, null), List.copyOf(missing)));
        });
    }

    private Future<JsonNode> fetch(SocketAddress upstream) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(upstream)
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setURI(SERVICE_DOCUMENT)
                .putHeader("Accept", "application/json")
                .setTimeout(timeoutMillis);
        return client.request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().compose(body -> {
                    if (resp.statusCode() != 200) {
                        return Future.failedFuture("HTTP " + resp.statusCode());
                    }
                    try {
                        return Future.succeededFuture(MAPPER.readTree(body.getBytes()));
                    } catch (java.io.IOException e) {
                        return Future.failedFuture(e);
                    }
                }));
    }

    public Future<Void> close() {
        return client.close();
    }
}
