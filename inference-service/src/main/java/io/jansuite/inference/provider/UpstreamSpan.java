package io.jansuite.inference.provider;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The span of one HTTP request to a provider, a child of the provider call's span ({@code parent}), ended when
 * the response head arrives or the request fails. Made here rather than by the Vert.x client's own tracing
 * (off for the upstream client): that takes its parent from whatever the request's context holds when the
 * request is finally written, which on a pooled connection of another event loop is no longer the provider
 * call. The provider is sent a {@code traceparent} naming this span. Without a recording parent (tracing off,
 * or the request not sampled) nothing is made.
 */
final class UpstreamSpan {

    private static final UpstreamSpan NONE = new UpstreamSpan(null);

    private final Span span;
    private final AtomicBoolean ended = new AtomicBoolean();

    private UpstreamSpan(Span span) {
        this.span = span;
    }

    static UpstreamSpan start(Tracer tracer, Context parent, String url, RequestOptions request) {
        if (!Span.fromContext(parent).isRecording()) {
            return NONE;
        }
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        Span span = tracer.spanBuilder("POST " + uri.getRawPath())
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "POST")
                // without user info or query: never a credential in a span
                .setAttribute("url.full", uri.getScheme() + "://" + uri.getHost() + ":" + port + uri.getRawPath())
                .setAttribute("server.address", String.valueOf(uri.getHost()))
                .setAttribute("server.port", port)
                .startSpan();
        W3CTraceContextPropagator.getInstance().inject(parent.with(span), request, RequestOptions::putHeader);
        return new UpstreamSpan(span);
    }

    /** The response head arrived with this status. */
    void answered(int status) {
        if (span != null && ended.compareAndSet(false, true)) {
            span.setAttribute("http.response.status_code", status);
            if (status >= 400) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }

    /** No answer: the connection failed, the upstream was silent, or the caller gave up. */
    void failed(String why) {
        if (span != null && ended.compareAndSet(false, true)) {
            span.setStatus(StatusCode.ERROR, why);
            span.end();
        }
    }
}
