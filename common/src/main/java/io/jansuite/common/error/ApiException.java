package io.jansuite.common.error;

import java.util.Map;

/**
 * The one exception a service throws to answer with an error: status, stable code, message and the
 * offending field. Mapped to the contract's error envelope by {@link ExceptionMappers}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String param;
    private final transient Map<String, Object> details;
    private final transient Map<String, String> headers;

    public ApiException(int status, String code, String message, String param, Map<String, Object> details,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.param = param;
        this.details = details;
        this.headers = headers == null ? Map.of() : headers;
    }

    public ApiException(int status, String code, String message, String param) {
        this(status, code, message, param, null, null);
    }

    public static ApiException badRequest(String code, String message, String param) {
        return new ApiException(400, code, message, param);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(401, code, message, null);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message, null);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message, null);
    }

    public static ApiException conflict(String code, String message, Map<String, Object> details) {
        return new ApiException(409, code, message, null, details, null);
    }

    public static ApiException gone(String code, String message) {
        return new ApiException(410, code, message, null);
    }

    public static ApiException tooLarge(String code, String message, String param) {
        return new ApiException(413, code, message, param);
    }

    public static ApiException unavailable(String code, String message) {
        return new ApiException(503, code, message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
