package io.jansuite.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.common.auth.InternalCallers;
import io.jansuite.common.auth.InternalSignature;
import io.jansuite.common.error.ErrorResponses;
import io.jansuite.common.tracing.RequestIdSpans;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

/**
 * The first handlers of every request on every service: fix the request id (echoed in the response, put in
 * the log context and on the request's span); refuse a path that is not in canonical form ({@link RawPaths}) and a declared body over
 * the limit, before anything reads it; and for {@code /internal/} routes, read the body and check the
 * caller's signature over it ({@link InternalCallers}), leaving the verdict for the credential filter.
 */
@ApplicationScoped
public class EdgeRoutes {

    /** The routing-context key of the {@link InternalCallers.Check} of an internal request. */
    public static final String INTERNAL_CHECK = "jansuite.internal-check";

    @ConfigProperty(name = "app.http.max-body-size", defaultValue = "1M")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    @Inject
    InternalCallers internalCallers;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
        router.route("/internal/*").order(Integer.MIN_VALUE + 1)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue()));
        router.route("/internal/*").order(Integer.MIN_VALUE + 2).handler(this::checkInternalCaller);
    }

    void handle(RoutingContext ctx) {
        String id = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, id);
        ctx.put(RequestIds.MDC_KEY, id);
        RequestIdSpans.tagCurrent(id);
        ctx.response().putHeader(RequestIds.HEADER, id);
        String problem = RawPaths.problem(ctx.request().path());
        if (problem != null) {
            refuse(ctx, 400, "invalid_path", problem);
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            ctx.response().putHeader("Connection", "close");
            refuse(ctx, 413, "body_too_large", "The request body is larger than " + maxBodySize.asLongValue() + " bytes.");
            return;
        }
        ctx.next();
    }

    void checkInternalCaller(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String query = request.query();
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        ctx.put(INTERNAL_CHECK, internalCallers.verify(request.getHeader(InternalSignature.CALLER_HEADER),
                request.getHeader(InternalSignature.SIGNATURE_HEADER), request.method().name(),
                query == null ? request.path() : request.path() + "?" + query,
                request.getHeader(InternalSignature.ACTOR_HEADER), body));
        ctx.next();
    }

    private void refuse(RoutingContext ctx, int status, String code, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(encode(ErrorResponses.envelope(status, code, message, null, null)));
    }

    private String encode(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
