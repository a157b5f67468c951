package io.jansuite.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The auth-service's key verification ({@code POST /internal/api-keys/verify}) at its HTTP boundary, for a
 * service's tests that use API keys. A test registers what the auth-service would vouch for with
 * {@code POST /control/keys?key=sk_…} (the body: the {@code data} of the verify answer, e.g.
 * {@code {"key_id", "user_id", "scopes", "roles", "guest", "allowed_models"}}); unknown keys are 404 as there.
 * Also a user's advanced settings ({@code GET /v1/users/me/settings}), set with {@link #settings}.
 */
public class FakeAuthService implements QuarkusTestResourceLifecycleManager {

    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        Map<String, String> keys = new ConcurrentHashMap<>();
        Map<String, String> settings = new ConcurrentHashMap<>();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                String query = String.valueOf(exchange.getRequestURI().getRawQuery());
                if (path.equals("/control/keys") && query.startsWith("key=")) {
                    keys.put(URLDecoder.decode(query.substring(4), StandardCharsets.UTF_8), body);
                    answer(exchange, 200, "{}");
                } else if (path.equals("/internal/api-keys/verify")) {
                    Matcher m = KEY.matcher(body);
                    String verified = m.find() ? keys.get(m.group(1)) : null;
                    answer(exchange, verified == null ? 404 : 200, verified == null
                            ? "{\"error\":{\"code\":\"invalid_api_key\"}}" : "{\"data\":" + verified + "}");
                } else if (path.equals("/control/settings") && query.startsWith("authorization=")) {
                    settings.put(URLDecoder.decode(query.substring(14), StandardCharsets.UTF_8), body);
                    answer(exchange, 200, "{}");
                } else if (path.equals("/v1/users/me/settings")) {
                    String advanced = settings.get(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                    answer(exchange, advanced == null ? 503 : 200, advanced == null
                            ? "{\"error\":{\"code\":\"service_unavailable\"}}"
                            : "{\"data\":{\"advanced_settings\":" + advanced + "}}");
                } else if (path.equals("/internal/revocations")) {
                    answer(exchange, 200, "{\"data\":[],\"last_seq\":0}");
                } else {
                    answer(exchange, 404, "{\"error\":{\"code\":\"not_found\"}}");
                }
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("fake-auth.url", url, "quarkus.rest-client.auth.url", url);
    }

    /** Makes the fake vouch for {@code key}: a key of {@code userId} with read and write, limited to {@code models}. */
    public static void register(String key, String keyId, String userId, String... models) {
        StringBuilder list = new StringBuilder("[");
        for (String m : models) {
            list.append(list.length() > 1 ? "," : "").append('"').append(m).append('"');
        }
        String verified = "{\"key_id\":\"" + keyId + "\",\"user_id\":\"" + userId + "\",\"scopes\":[\"read\",\"write\"],"
                + "\"roles\":[\"user\"],\"guest\":false,\"allowed_models\":" + list.append(']') + "}";
        String url = ConfigProvider.getConfig().getValue("fake-auth.url", String.class);
        RestAssured.given().queryParam("key", key).body(verified).post(url + "/control/keys").then().statusCode(200);
    }

    /**
     * Makes the fake answer {@code GET /v1/users/me/settings} for this credential with these advanced settings
     * (a JSON object, e.g. {@code {"web_search_enabled": true}}); anyone else gets 503.
     */
    public static void settings(String authorization, String advancedSettings) {
        String url = ConfigProvider.getConfig().getValue("fake-auth.url", String.class);
        RestAssured.given().queryParam("authorization", authorization).body(advancedSettings)
                .post(url + "/control/settings").then().statusCode(200);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
