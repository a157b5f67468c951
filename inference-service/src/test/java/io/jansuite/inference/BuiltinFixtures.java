package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.neighbours;
import static io.restassured.RestAssured.given;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The built-in server "jan" as the catalog answers it (the tools of V95, their switches and filters), the
 * user settings the auth-service answers, and a page server on the loopback address (the one address the
 * test profile lets web_fetch reach) with pages that redirect, hang, are huge or binary.
 */
final class BuiltinFixtures implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer pages;

    BuiltinFixtures() throws Exception {
        pages = vertx.createHttpServer().requestHandler(req -> {
            switch (req.path()) {
                case "/page" -> req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(
                        "<html><head><title>The &amp; page</title><style>p{color:red}</style></head><body>"
                                + "<script>var secret = 1;</script><h1>Hello</h1><p>Quarkus &lt;3 tools</p></body></html>");
                case "/redirect-ok" -> req.response().setStatusCode(302).putHeader("Location", "/page").end();
                case "/redirect-private" -> req.response().setStatusCode(302)
                        .putHeader("Location", "http://10.0.0.1/secret").end();
                case "/redirect-loopback" -> req.response().setStatusCode(301)
                        .putHeader("Location", "http://127.0.0.2:" + req.localAddress().port() + "/page").end();
                case "/redirect-mapped" -> req.response().setStatusCode(307)
                        .putHeader("Location", "http://[::ffff:192.168.1.1]/").end();
                case "/huge" -> {
                    req.response().setChunked(true).putHeader("Content-Type", "text/plain");
                    String chunk = "y".repeat(64 * 1024);
                    for (int i = 0; i < 160; i++) {
                        req.response().write(chunk);
                    }
                    req.response().end();
                }
                case "/binary" -> req.response().putHeader("Content-Type", "application/octet-stream").end("\0\1\2");
                case "/missing" -> req.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("no");
                case "/hang" -> {
                    // never answers
                }
                default -> req.response().setStatusCode(404).end();
            }
        });
        pages.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + pages.actualPort() + path;
    }

    /** Registers the built-in server with these tools switched off, and a content filter on web_fetch. */
    static void register(Set<String> disabled, JsonObject webFetchFilter) {
        JsonObject empty = new JsonObject().put("disallowed_keywords", new JsonArray()).put("disallowed_patterns",
                new JsonArray());
        JsonArray tools = new JsonArray()
                .add(new JsonObject().put("id", "conversation_search").put("name", "conversation_search")
                        .put("description", "Search your conversations").put("enabled", !disabled.contains("conversation_search"))
                        .put("content_filter", empty).put("input_schema", new JsonObject().put("type", "object")))
                .add(new JsonObject().put("id", "web_fetch").put("name", "web_fetch").put("description", "Fetch a URL")
                        .put("enabled", !disabled.contains("web_fetch"))
                        .put("content_filter", webFetchFilter == null ? empty : webFetchFilter)
                        .put("input_schema", new JsonObject().put("type", "object")));
        JsonObject entry = new JsonObject().put("id", "builtin").put("name", "jan").put("url", "builtin:jan")
                .put("headers", new JsonObject()).put("tools", tools);
        given().body(entry.encode()).post(neighbours() + "/control/mcp-servers/jan").then().statusCode(200);
    }

    /** What the auth-service answers as this user's advanced settings. */
    static void settings(String token, boolean webSearch) {
        io.jansuite.testing.FakeAuthService.settings("Bearer " + token, new JsonObject()
                .put("web_search_enabled", webSearch).put("code_execution_enabled", false).encode());
    }

    @Override
    public void close() {
        vertx.close();
    }
}
