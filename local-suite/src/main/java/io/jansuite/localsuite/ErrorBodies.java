package io.jansuite.localsuite;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** The contract's error envelope and request ids, as the ingress answers them itself (same rules as common's). */
final class ErrorBodies {

    static final String REQUEST_ID = "X-Request-Id";
    static final String JSON = "application/json";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorBodies() {
    }

    /** The client's request id when safe to echo, a new one otherwise. */
    static String requestId(String fromClient) {
        if (fromClient != null && SANE.matcher(fromClient).matches()) {
            return fromClient;
        }
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return "req_" + new String(out);
    }

    static Buffer envelope(String type, String code, String message, String requestId) {
        JsonObject error = new JsonObject()
                .put("type", type)
                .put("code", code)
                .put("message", message)
                .putNull("param")
                .put("request_id", requestId);
        return new JsonObject().put("error", error).toBuffer();
    }

    static Buffer notFound(String method, String path, String requestId) {
        String shown = path.length() > 200 ? path.substring(0, 200) + "..." : path;
        return envelope("not_found_error", "not_found", "No route for " + method + " " + shown, requestId);
    }

    static Buffer upstreamUnavailable(String service, String requestId) {
        return envelope("upstream_error", "upstream_unavailable", "The " + service + " is not reachable; try again shortly",
                requestId);
    }

    static Buffer upstreamTimeout(String service, String requestId) {
        return envelope("upstream_error", "upstream_timeout", "The " + service + " did not answer in time", requestId);
    }
}
