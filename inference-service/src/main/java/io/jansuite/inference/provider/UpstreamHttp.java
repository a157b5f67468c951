package io.jansuite.inference.provider;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one HTTP client for upstream providers (never the REST client: its filter adds internal credentials).
 * {@link #post} completes with the response head within the first-byte timeout, the body left paused.
 */
@ApplicationScoped
public class UpstreamHttp {

    /** The key under which Quarkus's REST client keeps its URL template in the request's Vert.x context. */
    private static final String REST_CLIENT_TEMPLATE = "ClientUrlPathTemplate";

    @Inject
    Vertx vertx;

    private volatile HttpClient client;

    HttpClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    // Each stream holds a connection for its whole length: allow many per upstream host.
                    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                            .setMaxInitialLineLength(16 * 1024), new PoolOptions().setHttp1MaxSize(512)
                            .setMaxWaitQueueSize(2048));
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
        // The span of the provider call (ProviderSpans) is current now, not when the request is written: the
        // Vert.x client's span takes its parent from the context current at that moment, so it is made current then.
        Context trace = Context.current();
        boolean traced = Span.fromContext(trace).getSpanContext().isValid();
        return Uni.createFrom().emitter(em -> {
            AtomicBoolean settled = new AtomicBoolean();
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            long[] timer = { -1 };
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                    .setConnectTimeout(options.connectMs());
            if (traced) {
                request.setTraceOperation("POST " + URI.create(url).getPath());
            }
            headers.forEach(request::putHeader);
            em.onTermination(() -> {
                if (timer[0] >= 0) {
                    vertx.cancelTimer(timer[0]);
                }
                if (settled.compareAndSet(false, true) && sent.get() != null) {
                    sent.get().reset(); // the caller went away before the upstream answered
                }
            });
            client().request(request).onComplete(ar -> {
                if (ar.failed()) {
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
                        em.fail(UpstreamException.timeout("no answer from upstream within "
                                + options.firstByteMs() + " ms"));
                    }
                });
                req.response().onComplete(rr -> {
                    vertx.cancelTimer(timer[0]);
                    if (rr.failed()) {
                        if (settled.compareAndSet(false, true)) {
                            em.fail(UpstreamException.connect("upstream failed: " + rr.cause().getMessage()));
                        }
                        return;
                    }
                    rr.result().pause();
                    if (settled.compareAndSet(false, true)) {
                        em.complete(new UpstreamExchange(vertx, req, rr.result(), options.idleMs()));
                    } else {
                        req.reset();
                    }
                });
                if (traced) {
                    // Quarkus renames a client span after the URL template a REST client call of the same request
                    // left in the context (e.g. "GET /internal/routes/{model}"): not this one's name
                    io.vertx.core.Context context = Vertx.currentContext();
                    if (context != null && VertxContext.isDuplicatedContext(context)) {
                        context.removeLocal(REST_CLIENT_TEMPLATE);
                    }
                    try (Scope ignored = trace.makeCurrent()) {
                        req.end(body);
                    }
                } else {
                    req.end(body);
                }
            });
        });
    }
}
