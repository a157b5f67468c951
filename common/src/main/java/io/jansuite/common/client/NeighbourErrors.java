package io.jansuite.common.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.common.error.ApiException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private NeighbourErrors() {
    }

    public static ApiException from(String service, Response response) {
        int status = response.getStatus();
        JsonNode error = envelope(response);
        boolean enveloped = error != null && error.path("code").isTextual();
        String retryAfter = response.getHeaderString("Retry-After");
        Map<String, String> headers = retryAfter == null ? null : Map.of("Retry-After", retryAfter);
        if (status >= 400 && status < 500 && !enveloped) {
            return new ApiException(status, "request_failed", "The " + service + " answered HTTP " + status + ".", null,
                    null, headers);
        }
        if (!enveloped || status >= 500 && status != 502 && status != 503 && status != 504) {
            LOG.warnf("%s answered HTTP %d%s", service, status, error == null ? "" : " (" + error.path("code").asText() + ")");
            return new ApiException(502, "dependency_failed", "The " + service + " could not complete the request.", null);
        }
        JsonNode details = error.path("details");
        return new ApiException(status, error.path("code").asText(), text(error, "message"), text(error, "param"),
                details.isObject() ? JSON.convertValue(details, MAP) : null, headers);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static JsonNode envelope(Response response) {
        try {
            String body = response.readEntity(String.class);
            JsonNode error = body == null || body.isBlank() ? null : JSON.readTree(body).path("error");
            return error != null && error.isObject() ? error : null;
        } catch (IOException | RuntimeException notAnEnvelope) {
            return null;
        }
    }
}
