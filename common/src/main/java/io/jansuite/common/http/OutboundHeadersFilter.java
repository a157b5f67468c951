package io.jansuite.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.common.auth.InternalApi;
import io.jansuite.common.auth.InternalCallers;
import io.jansuite.common.auth.InternalSignature;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;

/**
 * Every outgoing call carries the request id; calls to internal routes are also signed for the service the
 * client names ({@link InternalApi}). The body is serialised here, once, so that what is signed is exactly
 * what is sent.
 */
@Provider
public class OutboundHeadersFilter implements ResteasyReactiveClientRequestFilter {

    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";

    @Inject
    InternalCallers internalCallers;

    @Inject
    ObjectMapper json;

    @Override
    public void filter(ResteasyReactiveClientRequestContext context) {
        String id = RequestIds.current();
        if (id != null && !context.getHeaders().containsKey(RequestIds.HEADER)) {
            context.getHeaders().putSingle(RequestIds.HEADER, id);
        }
        // Only internal routes get the service credential: it must never reach an upstream provider.
        URI uri = context.getUri();
        if (uri.getRawPath().startsWith("/internal/")) {
            byte[] body = body(context);
            String pathAndQuery = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
            context.getHeaders().putSingle(InternalSignature.CALLER_HEADER, internalCallers.self());
            context.getHeaders().putSingle(InternalSignature.SIGNATURE_HEADER,
                    internalCallers.sign(receiver(context), context.getMethod(), pathAndQuery,
                            context.getHeaderString(InternalSignature.ACTOR_HEADER), body));
        }
    }

    private byte[] body(ResteasyReactiveClientRequestContext context) {
        Object entity = context.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        byte[] bytes;
        if (entity instanceof byte[] raw) {
            bytes = raw;
        } else if (entity instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = json.writeValueAsBytes(entity);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise an internal request body", e);
            }
        }
        MediaType type = context.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : context.getMediaType();
        context.setEntity(bytes, context.getEntityAnnotations(), type);
        return bytes;
    }

    private static String receiver(ResteasyReactiveClientRequestContext context) {
        Object invoked = context.getProperty(INVOKED_METHOD);
        InternalApi api = invoked instanceof Method m ? m.getDeclaringClass().getAnnotation(InternalApi.class) : null;
        if (api == null) {
            throw new IllegalStateException("a client of /internal/ routes must be annotated with @InternalApi");
        }
        return api.value();
    }
}
