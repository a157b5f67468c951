package io.jansuite.common.tracing;

import io.jansuite.common.http.RequestIds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Puts the request id ({@code X-Request-Id}) on every span this service starts, so that one request's spans
 * are found by the id a client or a log line shows. A span started inside a request takes it from the log
 * context (the request's MDC) or from its parent span; the server span itself starts before the id is known
 * and gets it from {@link #tagCurrent} (common's EdgeRoutes).
 */
@ApplicationScoped
public class RequestIdSpans implements SpanProcessor {

    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jansuite.request_id");

    /** Tags the span of the request being served (a no-op when tracing is off). */
    public static void tagCurrent(String requestId) {
        Span.current().setAttribute(REQUEST_ID, requestId);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String id = RequestIds.current();
        if (id == null && Span.fromContext(parentContext) instanceof ReadableSpan parent) {
            id = parent.getAttribute(REQUEST_ID);
        }
        if (id != null) {
            span.setAttribute(REQUEST_ID, id);
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
