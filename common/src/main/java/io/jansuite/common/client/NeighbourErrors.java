package io.jansuite.common.client;

import io.jansuite.common.error.ApiException;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one decoder of a neighbouring service's error answer, for every REST client of the suite (each names it in
 * its {@code @ClientExceptionMapper}). A 4xx, and a 502/503/504 in the error envelope, is passed on to our own
 * caller as it is: status, code, message, param, details and {@code Retry-After} (a 4xx without the envelope keeps
 * its status, with the code {@code request_failed}). Anything else (a 500, a 5xx that is not the envelope) becomes
 * our 502 {@code dependency_failed}, without the neighbour's words.
 */
public final class NeighbourErrors {

    private static final Logger LOG = Logger.getLogger(NeighbourErrors.class);

    private NeighbourErrors() {
    }

    public static ApiException from(String service, Response response) {
        int status = response.getStatus();
        JsonObject error = envelope(response);
        boolean enveloped = error != null && error.getString("code") != null;
        String retryAfter = response.getHeaderString("Retry-After");
        Map<String, String> headers = retryAfter == null ? null : Map.of("Retry-After", retryAfter);
        if (status >= 400 && status < 500 && !enveloped) {
            return new ApiException(status, "request_failed", "The " + service + " answered HTTP " + status + ".", null,
                    null, headers);
        }
        if (!enveloped || status >= 500 && status != 502 && status != 503 && status != 504) {
            LOG.warnf("%s answered HTTP %d%s", service, status, error == null ? "" : " (" + error.getString("code") + ")");
            return new ApiException(502, "dependency_failed", "The " + service + " could not complete the request.", null);
        }
        JsonObject details = error.getJsonObject("details");
        return new ApiException(status, error.getString("code"), error.getString("message"), error.getString("param"),
                details == null ? null : details.getMap(), headers);
    }

    private static JsonObject envelope(Response response) {
        try {
            String body = response.readEntity(String.class);
            Object error = body == null || body.isBlank() ? null : new JsonObject(body).getValue("error");
            return error instanceof JsonObject e ? e : null;
        } catch (RuntimeException notAnEnvelope) {
            return null;
        }
    }
}
