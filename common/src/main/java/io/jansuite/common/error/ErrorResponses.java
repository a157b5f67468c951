package io.jansuite.common.error;

import io.jansuite.common.http.RequestIds;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds error responses in the contract's envelope, with the current request id. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static ErrorEnvelope envelope(int status, String code, String message, String param,
            Map<String, Object> details) {
        return new ErrorEnvelope(new ErrorEnvelope.Body(ErrorEnvelope.typeFor(status), code, message, param,
                RequestIds.current(), details));
    }

    public static Response of(int status, String code, String message, String param) {
        return of(new ApiException(status, code, message, param));
    }

    public static Response of(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(envelope(e.status(), e.code(), e.getMessage(), e.param(), e.details()));
        e.headers().forEach(builder::header);
        return builder.build();
    }
}
