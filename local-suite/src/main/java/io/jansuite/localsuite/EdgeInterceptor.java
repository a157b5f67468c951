package io.jansuite.localsuite;

import io.jansuite.routes.RouteTable;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.util.concurrent.TimeoutException;

/**
 * What the ingress adds around a proxied exchange: the error envelope when the service is down or silent,
 * the request id on every answer, its span of the trace ({@link IngressTracing}, when on), and an event stream's head sent at once (vertx-http-proxy would hold it
 * until the first event, hiding time-to-first-byte behind time-to-first-token).
 */
final class EdgeInterceptor implements ProxyInterceptor {

    private static final String SPAN = "jansuite.span";

    private final RouteTable.Route route;
    private final IngressTracing tracing;

    EdgeInterceptor(RouteTable.Route route, IngressTracing tracing) {
        this.route = route;
        this.tracing = tracing;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        String requestId = context.request().headers().get(ErrorBodies.REQUEST_ID);
        context.set(ErrorBodies.REQUEST_ID, requestId);
        context.set(SPAN, tracing.start(context.request().getMethod().name(), context.request().proxiedRequest().path(),
                route.prefix(), route.service(), requestId, context.request().headers()));
        return context.sendRequest().recover(failure -> {
            boolean timedOut = failure instanceof TimeoutException;
            ProxyResponse response = context.request().release().response()
                    .setStatusCode(timedOut ? 504 : 502)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ErrorBodies.JSON)
                    .setBody(Body.body(timedOut
                            ? ErrorBodies.upstreamTimeout(route.service(), requestId)
                            : ErrorBodies.upstreamUnavailable(route.service(), requestId)));
            return Future.succeededFuture(response);
        });
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        ProxyResponse response = context.response();
        response.putHeader(ErrorBodies.REQUEST_ID, context.get(ErrorBodies.REQUEST_ID, String.class));
        String contentType = response.headers().get(HttpHeaders.CONTENT_TYPE);
        boolean eventStream = contentType != null && contentType.toLowerCase().startsWith("text/event-stream");
        if (eventStream) {
            response.putHeader("X-Accel-Buffering", "no");
        }
        Future<Void> sent = context.sendResponse();
        Span span = context.get(SPAN, Span.class);
        if (span != null) {
            int status = response.getStatusCode();
            sent.onComplete(ar -> IngressTracing.end(span, status, ar.cause()));
        }
        HttpServerResponse edge = context.request().proxiedRequest().response();
        if (eventStream && !edge.headWritten() && !edge.ended() && !edge.closed()) {
            edge.writeHead();
        }
        return sent;
    }
}
