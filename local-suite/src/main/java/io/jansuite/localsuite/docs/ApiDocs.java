package io.jansuite.localsuite.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.jansuite.routes.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What the ingress answers itself for the API reference: {@code /openapi.json} and {@code /openapi.yaml} (the
 * merged document of every public route, {@link ApiReference}) and {@code /docs} (Swagger UI from the
 * org.webjars:swagger-ui jar, reading /openapi.json, remembering the credentials entered across reloads).
 */
public final class ApiDocs {

    public static final Set<String> PATHS = Set.of("/openapi.json", "/openapi.yaml", "/docs");
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png",
            "oauth2-redirect.html", "text/html; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    private static final String INDEX = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Jan Suite API reference</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
              <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script src="/docs/swagger-ui-standalone-preset.js"></script>
              <script>
                window.onload = function () {
                  window.ui = SwaggerUIBundle({
                    url: "/openapi.json",
                    dom_id: "#swagger-ui",
                    deepLinking: true,
                    persistAuthorization: true,
                    displayRequestDuration: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                    layout: "StandaloneLayout"
                  });
                };
              </script>
            </body>
            </html>
            """;

    private final ApiReference reference;
    private final Map<String, Buffer> assets = new HashMap<>();

    public ApiDocs(Vertx vertx, RouteTable routes, Map<String, SocketAddress> upstreams) {
        this(new ApiReference(vertx, routes, upstreams, 10_000, 3_000));
    }

    public ApiDocs(ApiReference reference) {
        this.reference = reference;
    }

    /** True for the paths this class answers (so the ingress does not route them). */
    public static boolean handles(String path) {
        return PATHS.contains(path) || path.startsWith("/docs/");
    }

    public void handle(HttpServerRequest request, String requestId) {
        HttpServerResponse response = request.response().putHeader("X-Request-Id", requestId);
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.ALLOW, "GET, HEAD");
            error(response, 405, "invalid_request_error", "method_not_allowed", "This method is not allowed on this route.", requestId);
            return;
        }
        String path = request.path();
        switch (path) {
            case "/openapi.json", "/openapi.yaml" -> document(request, response, path.endsWith(".yaml"), requestId);
            case "/docs", "/docs/", "/docs/index.html" -> send(response, 200, "text/html; charset=utf-8", "no-cache",
                    Buffer.buffer(INDEX));
            default -> asset(response, path.substring("/docs/".length()), requestId);
        }
    }

    private void document(HttpServerRequest request, HttpServerResponse response, boolean yaml, String requestId) {
        String origin = origin(request);
        reference.snapshot().onComplete(ar -> {
            if (ar.failed()) {
                error(response, 503, "service_unavailable", "service_unavailable",
                        "The services' API documents are unavailable; try again shortly.", requestId);
                return;
            }
            ObjectNode doc = withServer(ar.result().document(), origin);
            if (!ar.result().missing().isEmpty()) {
                response.putHeader("X-OpenAPI-Incomplete", String.join(", ", ar.result().missing()));
                ((ObjectNode) doc.get("info")).putPOJO("x-unavailable-services", ar.result().missing());
            }
            try {
                byte[] body = yaml ? YAML.writeValueAsBytes(doc) : JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
                send(response, 200, yaml ? "application/yaml; charset=utf-8" : "application/json", "no-cache",
                        Buffer.buffer(body));
            } catch (JsonProcessingException e) {
                error(response, 500, "internal_error", "internal_error", "An unexpected error occurred.", requestId);
            }
        });
    }

    /** A shallow copy of the merged document with {@code servers} first (it reads best at the top). */
    static ObjectNode withServer(ObjectNode merged, String origin) {
        ObjectNode doc = JSON.createObjectNode();
        doc.set("openapi", merged.get("openapi"));
        doc.set("info", merged.get("info").deepCopy());
        doc.putArray("servers").addObject().put("url", origin).put("description", "The unified API (ingress)");
        merged.fields().forEachRemaining(e -> {
            if (!doc.has(e.getKey())) {
                doc.set(e.getKey(), e.getValue());
            }
        });
        return doc;
    }

    /** The origin the client called: X-Forwarded-Proto/-Host from a proxy in front, else Host. */
    static String origin(HttpServerRequest request) {
        String proto = firstValue(request.getHeader("X-Forwarded-Proto"));
        String host = firstValue(request.getHeader("X-Forwarded-Host"));
        if (host == null && request.authority() != null) {
            // Host on HTTP/1.1, :authority on HTTP/2
            host = request.authority().host() + (request.authority().port() > 0 ? ":" + request.authority().port() : "");
        }
        if (proto == null) {
            proto = request.isSSL() ? "https" : "http";
        }
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}") || !proto.matches("https?")) {
            return "http://localhost:8000";
        }
        return proto + "://" + host;
    }

    private static String firstValue(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.split(",")[0].strip();
    }

    private void asset(HttpServerResponse response, String name, String requestId) {
        String type = ASSETS.get(name);
        if (type == null) {
            error(response, 404, "not_found_error", "not_found", "No such route or resource.", requestId);
            return;
        }
        Buffer body = assets.computeIfAbsent(name, ApiDocs::load);
        send(response, 200, type, "public, max-age=86400", body);
    }

    private static Buffer load(String name) {
        String path = WEBJAR + webjarVersion() + "/" + name;
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + path + " (org.webjars:swagger-ui on the class path?)");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String webjarVersion() {
        try (InputStream in = ApiDocs.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpServerResponse response, int status, String type, String cache, Buffer body) {
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CACHE_CONTROL, cache)
                .end(body);
    }

    private static void error(HttpServerResponse response, int status, String type, String code, String message,
                              String requestId) {
        JsonObject error = new JsonObject().put("type", type).put("code", code).put("message", message)
                .putNull("param").put("request_id", requestId);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", error).toBuffer());
    }

    public Future<Void> close() {
        return reference.close();
    }
}
