package io.jansuite.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.localsuite.docs.ApiReference;
import io.jansuite.routes.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The ingress's own API reference routes against small in-test services that serve their documents. */
class ApiDocsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Vertx vertx;
    private static Ingress ingress;
    private static HttpServer alpha;
    private static int latePort;
    private static volatile String alphaSummary = "List alphas";

    static String document(String title, String path, String summary) {
        return """
                {"openapi": "3.1.0", "info": {"title": "%s", "version": "1"},
                 "paths": {"%s": {"get": {"operationId": "list", "summary": "%s",
                   "responses": {"200": {"description": "OK", "content": {"application/json":
                     {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}},
                   "/internal/secret": {"get": {"summary": "hidden", "responses": {"200": {"description": "OK"}}}}},
                 "components": {"schemas": {"Thing": {"type": "object"}}}}
                """.formatted(title, path, summary);
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        alpha = listen(0, req -> serve(req, document("alpha", "/v1/alpha", alphaSummary)));
        latePort = freePort();
        RouteTable routes = RouteTable.parse(List.of("/v1/alpha\talpha-service\t1", "/v1/late\tlate-service\t2"));
        Map<String, Ingress.Upstream> upstreams = new LinkedHashMap<>();
        upstreams.put("alpha-service", new Ingress.Upstream("127.0.0.1", alpha.actualPort()));
        upstreams.put("late-service", new Ingress.Upstream("127.0.0.1", latePort));
        ingress = Ingress.start(vertx, "127.0.0.1", freePort(), routes, upstreams, Ingress.Options.defaults().withInstances(1))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (ingress != null) {
            ingress.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void openApiJsonIsTheMergedDocumentServedFromTheCallersOrigin() throws Exception {
        HttpResponse<String> r = get("/openapi.json", "X-Request-Id", "docs-test-1");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("docs-test-1", r.headers().firstValue("X-Request-Id").orElse(""));
        JsonNode doc = JSON.readTree(r.body());
        assertEquals("http://127.0.0.1:" + ingress.port(), doc.at("/servers/0/url").asText());
        assertTrue(doc.get("paths").has("/v1/alpha"));
        assertFalse(r.body().contains("/internal/"));
        assertEquals("Jan Suite API", doc.at("/info/title").asText());
    }

    @Test
    void openApiYamlIsTheSameDocument() throws Exception {
        HttpResponse<String> json = get("/openapi.json");
        HttpResponse<String> yaml = get("/openapi.yaml");
        assertEquals(200, yaml.statusCode());
        assertTrue(yaml.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        Object parsed = new Load(LoadSettings.builder().build()).loadFromString(yaml.body());
        assertEquals(JSON.readTree(json.body()).get("paths"), JSON.valueToTree(parsed).get("paths"));
    }

    @Test
    void docsServeSwaggerUiReadingTheMergedDocumentAndKeepingCredentials() throws Exception {
        HttpResponse<String> index = get("/docs");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("url: \"/openapi.json\""), index.body());
        assertTrue(index.body().contains("persistAuthorization: true"));
        HttpResponse<String> bundle = get("/docs/swagger-ui-bundle.js");
        assertEquals(200, bundle.statusCode());
        assertTrue(bundle.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(bundle.body().length() > 100_000, "the real bundle from the webjar");
        assertEquals(200, get("/docs/swagger-ui.css").statusCode());
        HttpResponse<String> missing = get("/docs/../../etc/passwd");
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", JSON.readTree(missing.body()).at("/error/code").asText());
    }

    @Test
    void otherMethodsAre405InTheEnvelope() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/openapi.json"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertEquals("method_not_allowed", error.get("code").asText());
        assertEquals("invalid_request_error", error.get("type").asText());
        assertNotNull(error.get("request_id").asText(null));
    }

    @Test
    void aServiceThatIsDownIsReportedAndIncludedAsSoonAsItAnswers() throws Exception {
        HttpResponse<String> before = get("/openapi.json");
        assertEquals(200, before.statusCode());
        assertEquals("late-service", before.headers().firstValue("X-OpenAPI-Incomplete").orElse(""));
        assertFalse(JSON.readTree(before.body()).get("paths").has("/v1/late"));
        HttpServer late = listen(latePort, req -> serve(req, document("late", "/v1/late", "Late things")));
        try {
            HttpResponse<String> after = get("/openapi.json");
            assertTrue(after.headers().firstValue("X-OpenAPI-Incomplete").isEmpty());
            assertEquals("Late things", JSON.readTree(after.body()).at("/paths/~1v1~1late/get/summary").asText());
        } finally {
            late.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void referenceIsFetchedAgainAfterItsTimeToLive() throws Exception {
        RouteTable routes = RouteTable.parse(List.of("/v1/alpha\talpha-service\t1"));
        ApiReference reference = new ApiReference(vertx, routes,
                Map.of("alpha-service", new Ingress.Upstream("127.0.0.1", alpha.actualPort()).address()), 300, 2_000);
        try {
            assertEquals("List alphas", summaryOf(reference));
            alphaSummary = "List every alpha";
            assertEquals("List alphas", summaryOf(reference), "cached within the TTL");
            Thread.sleep(400);
            assertEquals("List every alpha", summaryOf(reference));
        } finally {
            alphaSummary = "List alphas";
            reference.close();
        }
    }

    private static String summaryOf(ApiReference reference) throws Exception {
        return reference.snapshot().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)
                .document().at("/paths/~1v1~1alpha/get/summary").asText();
    }

    private static void serve(HttpServerRequest req, String document) {
        if (req.path().startsWith("/q/health")) {
            req.response().end("{\"status\":\"UP\"}");
        } else if (req.uri().equals(ApiReference.SERVICE_DOCUMENT)) {
            req.response().putHeader("Content-Type", "application/json").end(document);
        } else {
            req.response().setStatusCode(404).end();
        }
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ingress.port() + path);
    }

    private static HttpServer listen(int port, Consumer<HttpServerRequest> handler) throws Exception {
        return vertx.createHttpServer().requestHandler(handler::accept).listen(port, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
