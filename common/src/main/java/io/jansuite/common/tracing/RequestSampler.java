package io.jansuite.common.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Traces requests, not background work: a span with a parent follows the parent's decision (the client's
 * {@code traceparent} flag, or the ingress's); a new trace is started only by a request this service serves
 * (a SERVER span). The revocation feed polled every 500 ms, the catalog's version long-poll and the usage
 * flushes would otherwise be most of the traces.
 */
@ApplicationScoped
public class RequestSampler implements Sampler {

    private final Sampler delegate = Sampler.parentBased(new Sampler() {
        @Override
        public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
                Attributes attributes, List<LinkData> links) {
            return kind == SpanKind.SERVER ? SamplingResult.recordAndSample() : SamplingResult.drop();
        }

        @Override
        public String getDescription() {
            return "ServerSpansOnly";
        }
    });

    @Override
    public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
            Attributes attributes, List<LinkData> links) {
        return delegate.shouldSample(parent, traceId, name, kind, attributes, links);
    }

    @Override
    public String getDescription() {
        return delegate.getDescription();
    }
}
