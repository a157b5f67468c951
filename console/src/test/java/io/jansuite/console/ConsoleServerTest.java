package io.jansuite.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console over real HTTP (ConsoleServer, as in Kubernetes): caching, the CSP, errors in the envelope. */
class ConsoleServerTest {

    static ConsoleServer server;
    static ConsoleSite site;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        site = ConsoleSite.fromClasspath();
        server = ConsoleServer.start("127.0.0.1", 0, site);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pageIsRevalidatedEveryTimeAndCarriesTheCsp() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && csp.contains("require-trusted-types-for 'script'"), csp);
        assertTrue(page.body().contains("/console/" + site.version() + "/app.js"), page.body());
        assertTrue(!page.body().contains("<script>") && !page.body().contains("%ASSETS%"), "no inline script, no placeholder");

        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertNotNull(again.headers().firstValue("Content-Security-Policy").orElse(null));
    }

    @Test
    void everyAssetThePageNamesIsServedImmutable() throws Exception {
        String page = get("/index.html").body();
        Matcher refs = Pattern.compile("(?:src|href)=\"(/console/[^\"]+)\"").matcher(page);
        int found = 0;
        while (refs.find()) {
            HttpResponse<String> asset = get(refs.group(1));
            assertEquals(200, asset.statusCode(), refs.group(1));
            assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElseThrow());
            assertTrue(asset.headers().firstValue("Content-Security-Policy").isPresent());
            assertEquals("nosniff", asset.headers().firstValue("X-Content-Type-Options").orElseThrow());
            found++;
        }
        assertEquals(3, found, "icon, styles and the entry module");
        assertTrue(get("/console/" + site.version() + "/app.js").headers().firstValue("Content-Type").orElseThrow()
                .startsWith("text/javascript"));
    }

    @Test
    void unknownOrStaleAssetsAre404InTheEnvelope() throws Exception {
        HttpResponse<String> stale = get("/console/0000000000000000/app.js");
        assertEquals(404, stale.statusCode());
        assertTrue(stale.body().contains("\"type\":\"not_found_error\""), stale.body());
        assertEquals(404, get("/console/" + site.version() + "/../index.html").statusCode());
        assertEquals(404, get("/elsewhere").statusCode());
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        assertTrue(post.body().contains("method_not_allowed"));
    }

    @Test
    void healthzAnswersTheProbes() throws Exception {
        assertEquals(200, get("/healthz").statusCode());
    }
}
