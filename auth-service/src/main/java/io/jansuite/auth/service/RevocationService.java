package io.jansuite.auth.service;

import io.jansuite.common.auth.ApiKeyFormat;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code POST /llm/auth/revoke}: whoever holds a token may revoke it, so no other proof is asked. An access
 * or refresh token revokes its whole session; an API key revokes that key. As RFC 7009 advises, a token that
 * is unknown, already revoked or not ours is answered the same way (nothing left to revoke).
 */
@ApplicationScoped
public class RevocationService {

    @Inject
    SessionService sessions;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    TokenIssuer tokens;

    public Uni<Void> revoke(String token) {
        if (token.startsWith(TokenIssuer.REFRESH_PREFIX)) {
            return sessions.sessionOfRefreshToken(token)
                    .chain(sid -> sid == null ? Uni.createFrom().voidItem() : sessions.revokeSession(sid));
        }
        if (ApiKeyFormat.isWellFormed(token)) {
            return apiKeys.revokeBySecret(token);
        }
        String sid = tokens.sessionOf(token);
        return sid == null ? Uni.createFrom().voidItem() : sessions.revokeSession(sid);
    }
}
