package io.jansuite.admin;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

/**
 * The catalog-service's and inference-service's internal routes at their HTTP boundary: a stub server. A test
 * sets the answer for "METHOD /path" with {@code POST /control/stub {method, path, status, body}} and reads the
 * last request to that route with {@code GET /control/last?key=METHOD /path} ({@code {query, body, caller, actor,
 * request_id}}). The catalog's audit feed is a list: {@code POST /control/audit-event} appends an entry (the id is
 * given here, the next one), {@code POST /control/audit-feed {status}} makes the feed answer with that status, and
 * {@code GET /internal/admin/audit-events?after=&limit=} serves it as the catalog-service does; the inference-service's
 * feed of quota changes likewise ({@code POST /control/quota-audit-event}, {@code GET
 * /internal/admin/quota-audit-events}). Unstubbed routes
 * answer 404 with the error envelope.
 */
public class FakeCatalog implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, JsonObject> stubs = new ConcurrentHashMap<>();
        Map<String, JsonObject> last = new ConcurrentHashMap<>();
        List<JsonObject> auditFeed = new CopyOnWriteArrayList<>();
        List<JsonObject> quotaFeed = new CopyOnWriteArrayList<>();
        AtomicInteger feedStatus = new AtomicInteger(200);
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String path = req.path();
            if (path.equals("/control/stub")) {
                JsonObject stub = body.toJsonObject();
                stubs.put(stub.getString("method") + " " + stub.getString("path"), stub);
                req.response().end();
                return;
            }
            if (path.equals("/control/last")) {
                JsonObject seen = last.get(req.getParam("key"));
                req.response().putHeader("Content-Type", "application/json")
                        .end(seen == null ? "{}" : seen.encode());
                return;
            }
            if (path.equals("/control/audit-event")) {
                JsonObject event = body.toJsonObject().put("id", auditFeed.size() + 1);
                auditFeed.add(event);
                req.response().putHeader("Content-Type", "application/json").end(event.encode());
                return;
            }
            if (path.equals("/control/quota-audit-event")) {
                JsonObject event = body.toJsonObject().put("id", quotaFeed.size() + 1);
                quotaFeed.add(event);
                req.response().putHeader("Content-Type", "application/json").end(event.encode());
                return;
            }
            if (path.equals("/internal/admin/quota-audit-events")) {
                long after = Long.parseLong(req.getParam("after", "0"));
                List<JsonObject> newer = quotaFeed.stream().filter(e -> e.getLong("id") > after).toList();
                req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("data", new JsonArray(newer)).put("has_more", false).encode());
                return;
            }
            if (path.equals("/control/audit-feed")) {
                feedStatus.set(body.toJsonObject().getInteger("status"));
                req.response().end();
                return;
            }
            if (path.equals("/internal/admin/audit-events")) {
                long after = Long.parseLong(req.getParam("after", "0"));
                int limit = Integer.parseInt(req.getParam("limit", "100"));
                List<JsonObject> newer = auditFeed.stream().filter(e -> e.getLong("id") > after).toList();
                JsonObject page = new JsonObject().put("data", new JsonArray(newer.stream().limit(limit).toList()))
                        .put("has_more", newer.size() > limit);
                boolean up = feedStatus.get() == 200;
                req.response().setStatusCode(feedStatus.get()).putHeader("Content-Type", "application/json")
                        .end(up ? page.encode() : "{\"error\":{\"code\":\"service_unavailable\",\"message\":\"Down.\"}}");
                return;
            }
            String key = req.method().name() + " " + path;
            last.put(key, new JsonObject().put("query", req.query() == null ? "" : req.query())
                    .put("body", body.length() == 0 ? null : body.toString())
                    .put("caller", req.getHeader("X-Internal-Caller"))
                    .put("actor", req.getHeader("X-Admin-Actor"))
                    .put("request_id", req.getHeader("X-Request-Id")));
            JsonObject stub = stubs.get(key);
            if (stub == null) {
                req.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end("{\"error\":{\"type\":\"not_found_error\",\"code\":\"not_found\",\"message\":\"No stub.\"}}");
                return;
            }
            Object answer = stub.getValue("body");
            req.response().setStatusCode(stub.getInteger("status", 200)).putHeader("Content-Type", "application/json")
                    .end(answer == null ? "" : answer instanceof JsonObject o ? o.encode() : answer.toString());
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("fake-catalog.port", String.valueOf(server.actualPort()));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
