package io.jansuite.localsuite;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a packaged service in SupervisionTest: listens where Quarkus would (QUARKUS_HTTP_HOST,
 * 0.0.0.0 when unset; QUARKUS_HTTP_PORT) after FAKE_START_DELAY_MS, and answers its readiness. Only JDK classes: its class file alone
 * is the service's quarkus-run.jar.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        String host = System.getenv().getOrDefault("QUARKUS_HTTP_HOST", "0.0.0.0");
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        Thread.sleep(Long.parseLong(System.getenv().getOrDefault("FAKE_START_DELAY_MS", "0"))); // a slow start
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/q/health/ready") ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake service listening on " + host + ":" + port);
    }
}
