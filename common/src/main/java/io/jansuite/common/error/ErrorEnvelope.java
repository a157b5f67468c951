package io.jansuite.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** {@code {"error": {...}}}, the body of every failed call on every service. */
public record ErrorEnvelope(Body error) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Body(String type, String code, String message, String param, String requestId,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> details) {
    }

    /** The contract's error type for an HTTP status. */
    public static String typeFor(int status) {
        return switch (status) {
            case 400, 413, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404, 410 -> "not_found_error";
            case 405 -> "invalid_request_error";
            case 409 -> "conflict_error";
            case 429 -> "rate_limit_error";
            case 502, 504 -> "upstream_error";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "internal_error" : "invalid_request_error";
        };
    }
}
