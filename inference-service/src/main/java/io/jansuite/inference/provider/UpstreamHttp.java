package io.jansuite.inference.provider;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one HTTP client for upstream providers (never the REST client: its filter adds internal credentials).
 * {@link #post} completes with the response head within the first-byte timeout, the body left paused.
 */
@ApplicationScoped
public class UpstreamHttp {

    @Inject
    Vertx vertx;

    @Inject
    Tracer tracer;

    private volatile HttpClient client;

    HttpClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    // Each stream holds a connection for its whole length: allow many per upstream host.
                    // Its requests' spans are made by UpstreamSpan, not by the Vert.x client's tracing.
                    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                            .setMaxInitialLineLength(16 * 1024).setTracingPolicy(TracingPolicy.IGNORE),
                            new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(2048));
                }
            }
        }
        return client;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    public Uni<UpstreamExchange> post(String url, Map<String, String> headers, Buffer body,
            UpstreamProvider.CallOptions options) {
        Context trace = Context.current(); // the provider call's span (ProviderSpans) is current now
        return Uni.createFrom().emitter(em -> {
            AtomicBoolean settled = new AtomicBoolean();
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            long[] timer = { -1 };
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                    .setConnectTimeout(options.connectMs());
            headers.forEach(request::putHeader);
            UpstreamSpan span = UpstreamSpan.start(tracer, trace, url, request);
            em.onTermination(() -> {
                if (timer[0] >= 0) {
                    vertx.cancelTimer(timer[0]);
                }
                span.failed("abandoned"); // (a no-op once answered)
                if (settled.compareAndSet(false, true) && sent.get() != null) {
                    sent.get().reset(); // the caller went away before the upstream answered
                }
            });
            client().request(request).onComplete(ar -> {
                if (ar.failed()) {
                    span.failed("cannot reach upstream");
                    if (settled.compareAndSet(false, true)) {
                        em.fail(UpstreamException.connect("cannot reach upstream: " + ar.cause().getMessage()));
                    }
                    return;
                }
                HttpClientRequest req = ar.result();
                sent.set(req);
                timer[0] = vertx.setTimer(Math.max(1, options.firstByteMs()), id -> {
                    if (settled.compareAndSet(false, true)) {
                        req.reset();
                        span.failed("no answer in time");
                        em.fail(UpstreamException.timeout("no answer from upstream within "
                                + options.firstByteMs() + " ms"));
                    }
                });
                req.response().onComplete(rr -> {
                    vertx.cancelTimer(timer[0]);
                    if (rr.failed()) {
                        span.failed("upstream failed");
                        if (settled.compareAndSet(false, true)) {
                            em.fail(UpstreamException.connect("upstream failed: " + rr.cause().getMessage()));
                        }
                        return;
                    }
                    span.answered(rr.result().statusCode());
                    rr.result().pause();
                    if (settled.compareAndSet(false, true)) {
                        em.complete(new UpstreamExchange(vertx, req, rr.result(), options.idleMs()));
                    } else {
                        req.reset();
                    }
                });
                req.end(body);
            });
        });
    }
}
