package io.jansuite.auth.repository;

import io.jansuite.auth.AuthSession;
import io.jansuite.auth.RefreshToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<AuthSession, String> {

    /** Marks the session revoked; true when this call revoked it (false: unknown or already revoked). */
    public Uni<Boolean> revoke(String sessionId, Instant at) {
        return update("revokedAt = ?1 where id = ?2 and revokedAt is null", at, sessionId).map(n -> n > 0);
    }

    /** The ids of the user's sessions that are neither revoked nor expired. */
    public Uni<List<String>> liveIdsOf(String userId, Instant now) {
        return find("userId = ?1 and revokedAt is null and expiresAt > ?2", userId, now).list()
                .map(list -> list.stream().map(s -> s.id).toList());
    }

    public Uni<RefreshToken> findRefreshToken(String tokenHash) {
        return RefreshToken.findById(tokenHash);
    }

    /** Spends a refresh token; false when it was already spent (a re-use). Atomic in the database. */
    public Uni<Boolean> spend(String tokenHash, Instant at) {
        return RefreshToken.update("spentAt = ?1 where tokenHash = ?2 and spentAt is null", at, tokenHash)
                .map(n -> n > 0);
    }
}
