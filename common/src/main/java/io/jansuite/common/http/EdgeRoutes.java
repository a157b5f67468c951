package io.jansuite.common.http;

import io.jansuite.common.error.ErrorResponses;
import io.quarkus.runtime.configuration.MemorySize;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

/**
 * The first handler of every request on every service: fixes the request id (echoed in the response, put in
 * the log context) and refuses a declared body over the limit with 413 before anything reads it.
 */
@ApplicationScoped
public class EdgeRoutes {

    @ConfigProperty(name = "app.http.max-body-size", defaultValue = "1M")
    MemorySize maxBodySize;

    @jakarta.inject.Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String id = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, id);
        ctx.put(RequestIds.MDC_KEY, id);
        ctx.response().putHeader(RequestIds.HEADER, id);
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close")
                    .end(encode(ErrorResponses.envelope(413, "body_too_large",
                            "The request body is larger than " + maxBodySize.asLongValue() + " bytes.", null, null)));
            return;
        }
        ctx.next();
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
