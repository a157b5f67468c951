package io.jansuite.localsuite;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingress's span of each proxied request. The client's W3C {@code traceparent} (if any) is its parent; the
 * request goes on to the service with a {@code traceparent} naming this span, so the service's span is its
 * child in the client's trace. Exported over OTLP/HTTP to {@code OTEL_EXPORTER_OTLP_ENDPOINT}; without that
 * setting there is no SDK at all and {@code traceparent} passes through unchanged.
 */
public final class IngressTracing implements AutoCloseable {

    public static final String ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String SERVICE_NAME = "ingress";
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jansuite.request_id");
    static final AttributeKey<String> SERVICE = AttributeKey.stringKey("jansuite.service");

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<MultiMap> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
            return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
    private static final TextMapSetter<MultiMap> SETTER = (carrier, key, value) -> carrier.set(key, value);

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final String endpoint;

    private IngressTracing(SdkTracerProvider provider, String endpoint) {
        this.provider = provider;
        this.tracer = provider == null ? null : provider.get("io.jansuite.localsuite.ingress");
        this.endpoint = endpoint;
    }

    /** No spans; {@code traceparent} is forwarded as the client sent it. */
    public static IngressTracing off() {
        return new IngressTracing(null, null);
    }

    /** On when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set (e.g. {@code http://localhost:4318}), off otherwise. */
    public static IngressTracing fromEnvironment(Map<String, String> environment) {
        String endpoint = environment.get(ENDPOINT_VARIABLE);
        if (endpoint == null || endpoint.isBlank()) {
            return off();
        }
        String base = endpoint.strip().replaceAll("/+$", "");
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build();
        return exportingWith(BatchSpanProcessor.builder(exporter).build(), base);
    }

    /** Spans to this processor (tests give one of their own). */
    static IngressTracing exportingWith(SpanProcessor processor, String endpoint) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), SERVICE_NAME))))
                .addSpanProcessor(processor)
                .build();
        return new IngressTracing(provider, endpoint);
    }

    public boolean enabled() {
        return provider != null;
    }

    /** Where the spans go (null when off). */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Starts the span of a request about to be proxied to {@code service} and points the forwarded
     * {@code traceparent} ({@code headers}, those sent on) at it. Null when tracing is off.
     */
    Span start(String method, String path, String route, String service, String requestId, MultiMap headers) {
        if (tracer == null) {
            return null;
        }
        Context parent = W3C.extract(Context.root(), headers, GETTER);
        Span span = tracer.spanBuilder(method + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", method)
                .setAttribute("url.path", path)
                .setAttribute("http.route", route)
                .setAttribute(SERVICE, service)
                .setAttribute(REQUEST_ID, requestId)
                .startSpan();
        W3C.inject(parent.with(span), headers, SETTER);
        return span;
    }

    /** Ends a span from {@link #start} with the status sent to the client ({@code failure}: the answer broke off). */
    static void end(Span span, int status, Throwable failure) {
        if (span == null) {
            return;
        }
        span.setAttribute("http.response.status_code", status);
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        } else if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** Sends what is still buffered and stops the exporter. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
