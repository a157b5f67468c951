package io.jansuite.localsuite;

import io.jansuite.console.ConsoleSite;
import io.jansuite.routes.RouteTable;
import io.jansuite.localsuite.docs.ApiDocs;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One event loop's share of the ingress: its own server socket (shared port), clients and proxies. */
final class IngressVerticle extends AbstractVerticle {

    /** The console's files, read once from the console jar and shared by every event loop. */
    private static final ConsoleSite CONSOLE = ConsoleSite.fromClasspath();

    private final String host;
    private final int port;
    private final RouteTable routes;
    private final Map<String, Ingress.Upstream> upstreams;
    private final Ingress.Options options;
    private final HealthMonitor health;
    private final IngressTracing tracing;
    private final Map<RouteTable.Route, HttpProxy> proxies = new HashMap<>();
    private final List<HttpClient> clients = new ArrayList<>();
    private HttpServer server;
    private ApiDocs docs;
    private ConsoleHandler console;

    IngressVerticle(String host, int port, RouteTable routes, Map<String, Ingress.Upstream> upstreams,
                    Ingress.Options options, HealthMonitor health, IngressTracing tracing) {
        this.host = host;
        this.port = port;
        this.routes = routes;
        this.upstreams = upstreams;
        this.options = options;
        this.health = health;
        this.tracing = tracing;
    }

    @Override
    public void start(Promise<Void> started) {
        Map<String, HttpClient> byService = new HashMap<>();
        for (String service : routes.services().keySet()) {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                            .setKeepAlive(true)
                            .setConnectTimeout((int) options.connectTimeoutMillis())
                            .setDecompressionSupported(false),
                    new PoolOptions().setHttp1MaxSize(options.poolSizePerService()));
            clients.add(client);
            byService.put(service, client);
        }
        for (RouteTable.Route route : routes.routes()) {
            Ingress.Upstream upstream = upstreams.get(route.service());
            SocketAddress address = SocketAddress.inetSocketAddress(upstream.port(), upstream.host());
            long idle = route.streaming() ? options.streamIdleTimeoutMillis() : options.idleTimeoutMillis();
            HttpProxy proxy = HttpProxy.reverseProxy(byService.get(route.service()))
                    .originRequestProvider((request, client) -> client.request(new RequestOptions()
                            .setServer(address)
                            .setConnectTimeout(options.connectTimeoutMillis())
                            .setIdleTimeout(idle)))
                    .addInterceptor(new EdgeInterceptor(route, tracing));
            proxies.put(route, proxy);
        }
        Map<String, SocketAddress> addresses = new LinkedHashMap<>();
        upstreams.forEach((name, upstream) -> addresses.put(name, upstream.address()));
        docs = new ApiDocs(vertx, routes, addresses);
        console = new ConsoleHandler(CONSOLE);
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHandle100ContinueAutomatically(true)
                .setTcpNoDelay(true)
                .setIdleTimeout(0));
        server.requestHandler(this::handle)
                .listen(port, host)
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private void handle(HttpServerRequest request) {
        String requestId = ErrorBodies.requestId(request.getHeader(ErrorBodies.REQUEST_ID));
        String path = request.path();
        if ("/healthz".equals(path) && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)) {
            healthz(request, requestId);
            return;
        }
        if (ApiDocs.handles(path)) {
            docs.handle(request, requestId);
            return;
        }
        RouteTable.Route route = routes.match(path);
        if (route == null && ConsoleHandler.handles(path)) {
            console.handle(request, requestId);
            return;
        }
        if (route == null) {
            request.response()
                    .setStatusCode(404)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ErrorBodies.JSON)
                    .putHeader(ErrorBodies.REQUEST_ID, requestId)
                    .end(ErrorBodies.notFound(request.method().name(), path, requestId));
            return;
        }
        var headers = request.headers();
        headers.set(ErrorBodies.REQUEST_ID, requestId);
        headers.set("X-Forwarded-For", request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        headers.set("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
        String hostHeader = request.getHeader(HttpHeaders.HOST);
        if (hostHeader != null) {
            headers.set("X-Forwarded-Host", hostHeader);
        }
        headers.remove("X-Internal-Caller");
        headers.remove("X-Internal-Signature");
        proxies.get(route).handle(request);
    }

    private void healthz(HttpServerRequest request, String requestId) {
        health.statuses().onComplete(ar -> {
            Map<String, String> statuses = ar.result();
            JsonObject services = new JsonObject();
            List<String> down = new ArrayList<>();
            statuses.forEach((name, status) -> {
                services.put(name, status);
                if (!HealthMonitor.UP.equals(status)) {
                    down.add(name);
                }
            });
            JsonObject body = new JsonObject().put("status", down.isEmpty() ? "ok" : "unavailable").put("services", services);
            if (!down.isEmpty()) {
                body.put("message", "Not ready: " + String.join(", ", down));
            }
            request.response()
                    .setStatusCode(down.isEmpty() ? 200 : 503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ErrorBodies.JSON)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader(ErrorBodies.REQUEST_ID, requestId)
                    .end(body.toBuffer());
        });
    }

    @Override
    public void stop(Promise<Void> stopped) {
        List<io.vertx.core.Future<Void>> closing = new ArrayList<>();
        if (server != null) {
            closing.add(server.close());
        }
        clients.forEach(c -> closing.add(c.close()));
        if (docs != null) {
            closing.add(docs.close());
        }
        io.vertx.core.Future.join(closing).<Void>mapEmpty().onComplete(ar -> stopped.complete());
    }
}
