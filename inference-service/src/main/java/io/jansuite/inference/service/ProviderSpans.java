package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.inference.provider.Target;
import io.jansuite.inference.provider.UpstreamException;
import io.jansuite.inference.provider.UpstreamProvider;
import io.jansuite.inference.provider.UpstreamReply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * One span per attempt at a provider (a child of the request's span): which provider and model, the attempt,
 * and how it ended. A whole answer ends the span when it has arrived, a stream when its last chunk has (or the
 * client left). The HTTP request to the provider (traced by the Vert.x client) is this span's child. When
 * tracing is off (or the request not sampled) no span is made and nothing is wrapped.
 */
@ApplicationScoped
public class ProviderSpans {

    static final AttributeKey<String> PROVIDER_TYPE = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> UPSTREAM_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("jansuite.model");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("jansuite.provider.name");
    static final AttributeKey<String> PROVIDER_ID = AttributeKey.stringKey("jansuite.provider.id");
    static final AttributeKey<String> PROVIDER_MODEL_ID = AttributeKey.stringKey("jansuite.provider_model.id");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("jansuite.attempt");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("jansuite.stream");

    @Inject
    Tracer tracer;

    /** {@code call}, subscribed inside a span of its own. */
    Uni<UpstreamReply> around(Target target, UpstreamProvider.CallOptions options, int attempt,
            Supplier<Uni<UpstreamReply>> call) {
        return Uni.createFrom().deferred(() -> {
            if (!Span.current().isRecording()) {
                return call.get(); // tracing off, or this request not sampled: no span, nothing built
            }
            Span span = tracer.spanBuilder("provider " + target.providerType() + " " + target.upstreamModel())
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(PROVIDER_TYPE, String.valueOf(target.providerType()))
                    .setAttribute(UPSTREAM_MODEL, String.valueOf(target.upstreamModel()))
                    .setAttribute(MODEL, String.valueOf(options.requestedModel()))
                    .setAttribute(PROVIDER, String.valueOf(target.providerName()))
                    .setAttribute(PROVIDER_ID, String.valueOf(target.providerId()))
                    .setAttribute(PROVIDER_MODEL_ID, String.valueOf(target.providerModelId()))
                    .setAttribute(ATTEMPT, (long) attempt)
                    .setAttribute(STREAM, options.stream())
                    .startSpan();
            Uni<UpstreamReply> reply;
            // current while the provider builds and subscribes its request, so the HTTP client span is a child
            try (Scope ignored = span.makeCurrent()) {
                reply = call.get();
            } catch (RuntimeException e) {
                failed(span, e);
                throw e;
            }
            return reply
                    .onItem().transform(r -> ended(span, r))
                    .onFailure().invoke(e -> failed(span, e))
                    .onCancellation().invoke(() -> span.end());
        });
    }

    private static UpstreamReply ended(Span span, UpstreamReply reply) {
        if (!reply.streamed()) {
            JsonNode usage = reply.completion() == null ? null : reply.completion().get("usage");
            if (usage != null && usage.has("prompt_tokens")) {
                span.setAttribute(INPUT_TOKENS, usage.path("prompt_tokens").asLong());
                span.setAttribute(OUTPUT_TOKENS, usage.path("completion_tokens").asLong());
            }
            span.end();
            return reply;
        }
        return UpstreamReply.stream(reply.chunks()
                .onFailure().invoke(e -> span.recordException(e).setStatus(StatusCode.ERROR, String.valueOf(e.getMessage())))
                .onTermination().invoke(() -> span.end()));
    }

    private static void failed(Span span, Throwable e) {
        span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
        if (e instanceof UpstreamException u && u.status() > 0) {
            span.setAttribute("http.response.status_code", u.status());
        }
        span.end();
    }
}
