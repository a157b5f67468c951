package io.jansuite.common.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Verifies API keys through the {@link ApiKeyVerifier} of the service (local in auth, cached remote elsewhere). */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    public static final String KEY_ATTRIBUTE = "api_key";

    @Inject
    ApiKeyVerifier verifier;

    @Inject
    RevocationList revocations;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!ApiKeyFormat.isWellFormed(request.key())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed API key"));
        }
        return verifier.verify(request.key()).map(key -> {
            if (key == null || revocations.isKeyRevoked(key.keyId())
                    || (key.expiresAt() != null && key.expiresAt().isBefore(Instant.now()))) {
                throw new AuthenticationFailedException("unknown, revoked or expired API key");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(key.userId()))
                    .addRoles(key.roles())
                    .addAttribute(KEY_ATTRIBUTE, key)
                    .addAttribute("credential", request.key())
                    .build();
        });
    }
}
