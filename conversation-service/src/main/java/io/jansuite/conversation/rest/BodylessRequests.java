package io.jansuite.conversation.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Several POSTs here take an optional body (create a conversation, share, regenerate). A bare
 * {@code curl -X POST} sends no Content-Type, some clients a form type with an empty body: an empty body is
 * read as no JSON body rather than refused with 415.
 */
public class BodylessRequests {

    @ServerRequestFilter(preMatching = true)
    public void emptyBodyIsJson(ContainerRequestContext request) {
        String method = request.getMethod();
        if ((method.equals("POST") || method.equals("PATCH")) && request.getHeaderString("Transfer-Encoding") == null) {
            String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
            if (length == null || length.trim().equals("0")) {
                request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
            }
        }
    }
}
