package io.jansuite.auth.rest;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * Sign-in, refresh and revoke do not authenticate the caller: a stale {@code Authorization} header sent out
 * of habit (an expired or revoked access token) must not turn them into a 401. The header is taken off
 * before the credential filter sees it; revoke keeps it aside, as the token to revoke when the body names none.
 */
@ApplicationScoped
public class CredentialRouting {

    static final String REVOKE_BEARER = "auth.revoke-bearer";
    private static final Set<String> CREDENTIAL_FREE = Set.of("/llm/auth/guest-login", "/llm/auth/login",
            "/llm/auth/refresh", "/llm/auth/refresh-token", "/llm/auth/revoke");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (CREDENTIAL_FREE.contains(path)) {
            String authorization = ctx.request().headers().get("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                ctx.put(REVOKE_BEARER, authorization.substring(7).trim());
            }
            ctx.request().headers().remove("Authorization");
            ctx.request().headers().remove("X-API-Key");
        }
        ctx.next();
    }
}
