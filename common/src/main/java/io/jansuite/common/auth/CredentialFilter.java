package io.jansuite.common.auth;

import io.jansuite.common.error.ApiException;
import io.jansuite.common.error.ErrorResponses;
import io.jansuite.common.http.EdgeRoutes;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one place where a request's credentials become a {@link Caller} and where the route's policy is
 * applied, on the routed path: public prefixes need nothing, {@code /internal/} needs a genuine internal
 * caller that the route lists (app.internal.callers), everything else
 * a verified access token or API key; {@code read}-only keys may only GET/HEAD; {@code /v1/admin/} needs an
 * admin. Runs after route matching, so an unknown route is a 404 whoever asks.
 */
public class CredentialFilter {

    public static final String SESSION_CLAIM = "sid";
    public static final String GUEST_CLAIM = "guest";

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    RevocationList revocations;

    @Inject
    InternalCallers internalCallers;

    @Inject
    CredentialConfig credentials;

    /**
     * Decides on the path RESTEasy routes (decoded, dot segments removed), never on the raw one; raw paths
     * that differ from it have already been refused by {@link io.jansuite.common.http.EdgeRoutes}.
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext context, RoutingContext routing) {
        String path = routedPath(context);
        boolean internal = path.startsWith("/internal/") || path.equals("/internal");
        if (internal) {
            Response refused = internal(routing.get(EdgeRoutes.INTERNAL_CHECK), path);
            if (refused != null) {
                return Uni.createFrom().item(refused);
            }
        }
        // An internal call may carry the user's own credential too (the owner of what it reads or writes).
        boolean open = internal || credentials.publicPaths().stream().anyMatch(path::startsWith);
        if (open && !hasCredentials(routing.request())) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> decide(identity, context.getMethod(), path, open))
                .onFailure().recoverWithItem(this::failure);
    }

    static String routedPath(ContainerRequestContext context) {
        String path = context.getUriInfo().getPath();
        return path.startsWith("/") ? path : "/" + path;
    }

    /** An internal route serves a genuine, fresh signature of a caller that this route lists; nobody else. */
    private Response internal(InternalCallers.Check check, String path) {
        if (check == null || check.caller() == null) {
            return ErrorResponses.of(403, "internal_only", check == null
                    ? "This route serves other services of the suite only." : check.problem(), null);
        }
        if (!internalCallers.allows(path, check.caller())) {
            return ErrorResponses.of(403, "internal_only", "This route does not serve " + check.caller() + ".", null);
        }
        return null;
    }

    private Response decide(SecurityIdentity identity, String method, String path, boolean open) {
        if (identity.isAnonymous()) {
            return open ? null : ErrorResponses.of(401, "missing_credentials",
                    "Send an access token (Authorization: Bearer …) or an API key (X-API-Key).", null);
        }
        Caller caller = toCaller(identity);
        if (caller.sessionId() != null && revocations.isSessionRevoked(caller.sessionId())) {
            return ErrorResponses.of(401, "token_revoked", "This session has been revoked.", null);
        }
        currentCaller.set(caller);
        if (!caller.canWrite() && !method.equals("GET") && !method.equals("HEAD") && !open) {
            return ErrorResponses.of(403, "insufficient_scope", "This API key is read-only.", null);
        }
        if ((path.startsWith("/v1/admin/") || path.equals("/v1/admin")) && !caller.isAdmin()) {
            return ErrorResponses.of(403, "admin_required", caller.roles().contains(Caller.ADMIN)
                    ? "This API key lacks the admin scope." : "This route is for administrators.", null);
        }
        return null;
    }

    private Response failure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return ErrorResponses.of(api);
            }
        }
        return ErrorResponses.of(401, "invalid_credentials",
                "The credentials are invalid, expired or revoked.", null);
    }

    private static boolean hasCredentials(HttpServerRequest request) {
        return request.getHeader("Authorization") != null || request.getHeader("X-API-Key") != null;
    }

    static Caller toCaller(SecurityIdentity identity) {
        Set<String> roles = Set.copyOf(identity.getRoles());
        VerifiedKey key = identity.getAttribute(ApiKeyIdentityProvider.KEY_ATTRIBUTE);
        if (key != null) {
            Set<String> scopes = new HashSet<>(key.scopes());
            if (!roles.contains(Caller.ADMIN)) {
                scopes.remove(Caller.ADMIN);
            }
            return new Caller(key.userId(), roles, Set.copyOf(scopes), null, key.keyId(), key.guest(),
                    identity.getAttribute("credential"), key.allowedModels());
        }
        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
        Set<String> scopes = roles.contains(Caller.ADMIN) ? Set.of("read", "write", Caller.ADMIN) : Set.of("read", "write");
        Object guest = jwt.getClaim(GUEST_CLAIM);
        return new Caller(jwt.getSubject(), roles, scopes, jwt.getClaim(SESSION_CLAIM), null,
                guest != null && Boolean.parseBoolean(guest.toString()), jwt.getRawToken());
    }
}
