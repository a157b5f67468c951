package io.jansuite.inference.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.error.ErrorEnvelope;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A chat-completion response decided at run time: status, headers, and a body sent as it is produced. */
public record Reply(int status, Map<String, List<String>> headers, Multi<Buffer> body) {

    public static final String JSON = "application/json";

    public static Reply json(int status, Map<String, List<String>> extraHeaders, Buffer body) {
        Map<String, List<String>> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", List.of(JSON));
        return new Reply(status, headers, Multi.createFrom().item(body));
    }

    /** An event stream: headers go out with the first item, nothing on the way may buffer it. */
    public static Reply eventStream(Map<String, List<String>> extraHeaders, Multi<Buffer> events) {
        Map<String, List<String>> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", List.of("text/event-stream; charset=utf-8"));
        headers.put("Cache-Control", List.of("no-cache"));
        headers.put("X-Accel-Buffering", List.of("no"));
        return new Reply(200, headers, events);
    }

    /** The error envelope, with the headers the exception carries (Retry-After, X-RateLimit-*). */
    public static Reply error(ApiException e, String requestId, ObjectMapper json) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        e.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        return json(e.status(), headers, Buffer.buffer(encode(json, envelope(e.status(), e.code(), e.getMessage(),
                e.param(), requestId))));
    }

    public static ErrorEnvelope envelope(int status, String code, String message, String param, String requestId) {
        return new ErrorEnvelope(new ErrorEnvelope.Body(ErrorEnvelope.typeFor(status), code, message, param,
                requestId, null));
    }

    static String encode(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
