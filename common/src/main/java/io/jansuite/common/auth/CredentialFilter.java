package io.jansuite.common.auth;

import io.jansuite.common.error.ApiException;
import io.jansuite.common.error.ErrorResponses;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one place where a request's credentials become a {@link Caller} and where the route's policy is
 * applied: public prefixes need nothing, {@code /internal/} needs a genuine internal caller, everything else
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

    @ConfigProperty(name = "app.auth.public-paths")
    List<String> publicPaths;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(HttpServerRequest request) {
        String path = request.path();
        boolean internal = path.startsWith("/internal/");
        if (internal && internalCallers.accept(request.getHeader(InternalCallers.HEADER)) == null) {
            return Uni.createFrom().item(ErrorResponses.of(403, "internal_only",
                    "This route serves other services of the suite only.", null));
        }
        boolean open = internal || publicPaths.stream().anyMatch(path::startsWith);
        if (open && !hasCredentials(request)) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> decide(identity, request, path, open))
                .onFailure().recoverWithItem(this::failure);
    }

    private Response decide(SecurityIdentity identity, HttpServerRequest request, String path, boolean open) {
        if (identity.isAnonymous()) {
            return open ? null : ErrorResponses.of(401, "missing_credentials",
                    "Send an access token (Authorization: Bearer …) or an API key (X-API-Key).", null);
        }
        Caller caller = toCaller(identity);
        if (caller.sessionId() != null && revocations.isSessionRevoked(caller.sessionId())) {
            return ErrorResponses.of(401, "token_revoked", "This session has been revoked.", null);
        }
        currentCaller.set(caller);
        String method = request.method().name();
        if (!caller.canWrite() && !method.equals("GET") && !method.equals("HEAD") && !open) {
            return ErrorResponses.of(403, "insufficient_scope", "This API key is read-only.", null);
        }
        if (path.startsWith("/v1/admin/") && !caller.isAdmin()) {
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
                    identity.getAttribute("credential"), key.models());
        }
        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
        Set<String> scopes = roles.contains(Caller.ADMIN) ? Set.of("read", "write", Caller.ADMIN) : Set.of("read", "write");
        Object guest = jwt.getClaim(GUEST_CLAIM);
        return new Caller(jwt.getSubject(), roles, scopes, jwt.getClaim(SESSION_CLAIM), null,
                guest != null && Boolean.parseBoolean(guest.toString()), jwt.getRawToken());
    }
}
