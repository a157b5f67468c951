package io.jansuite.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The console on its own (Kubernetes, where ingress-nginx routes {@code /} and {@code /console/} here): the
 * JDK's HTTP server and {@link ConsoleSite}, nothing else. {@code /healthz} answers the probes. Port:
 * {@code CONSOLE_PORT}, default 8080.
 */
public final class ConsoleServer {

    private final HttpServer server;

    private ConsoleServer(HttpServer server) {
        this.server = server;
    }

    public static ConsoleServer start(String host, int port, ConsoleSite site) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", exchange -> answer(exchange, site));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return new ConsoleServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, ConsoleSite site) throws IOException {
        try (exchange) {
            String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
            if (requestId == null || !requestId.matches("[A-Za-z0-9_.:-]{1,128}")) {
                requestId = UUID.randomUUID().toString();
            }
            String path = exchange.getRequestURI().getRawPath();
            exchange.getResponseHeaders().set("X-Request-Id", requestId);
            if ("/healthz".equals(path)) {
                byte[] ok = "{\"status\":\"ok\"}".getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
                return;
            }
            ConsoleSite.Response response = site.answer(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("If-None-Match"), requestId);
            response.headers().forEach((name, value) -> {
                if (!"Content-Length".equals(name)) {
                    exchange.getResponseHeaders().set(name, value);
                }
            });
            boolean bodiless = response.status() == 304 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), bodiless ? -1 : response.body().length);
            if (!bodiless) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("CONSOLE_PORT", "8080"));
        ConsoleSite site = ConsoleSite.fromClasspath();
        start("0.0.0.0", port, site);
        System.out.println("console " + site.version() + " listening on :" + port);
    }
}
