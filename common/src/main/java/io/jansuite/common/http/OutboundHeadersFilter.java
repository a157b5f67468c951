package io.jansuite.common.http;

import io.jansuite.common.auth.InternalCallers;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;

/** Every outgoing call carries the request id; calls to internal routes also carry this service's credential. */
@Provider
public class OutboundHeadersFilter implements ResteasyReactiveClientRequestFilter {

    @Inject
    InternalCallers internalCallers;

    @Override
    public void filter(ResteasyReactiveClientRequestContext context) {
        String id = RequestIds.current();
        if (id != null && !context.getHeaders().containsKey(RequestIds.HEADER)) {
            context.getHeaders().putSingle(RequestIds.HEADER, id);
        }
        // Only internal routes get the service credential: it must never reach an upstream provider.
        if (context.getUri().getPath().startsWith("/internal/")) {
            context.getHeaders().putSingle(InternalCallers.HEADER, internalCallers.header());
        }
    }
}
