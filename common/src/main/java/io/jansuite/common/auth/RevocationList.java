package io.jansuite.common.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked sessions and API keys, held in memory so that no request needs the database or the auth-service.
 * A session entry only matters while its access tokens can still be valid, so entries are dropped after
 * the access-token lifetime (with a margin); the list stays small.
 */
@ApplicationScoped
public class RevocationList {

    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> keys = new ConcurrentHashMap<>();

    @Inject
    CredentialConfig credentials;

    @Inject
    ApiKeyVerifier verifier;

    public boolean isSessionRevoked(String sessionId) {
        return sessionId != null && sessions.containsKey(sessionId);
    }

    public boolean isKeyRevoked(String keyId) {
        return keyId != null && keys.containsKey(keyId);
    }

    public void revokeSession(String sessionId) {
        sessions.put(sessionId, Instant.now());
    }

    public void revokeKey(String keyId) {
        keys.put(keyId, Instant.now());
        verifier.evict(keyId);
    }

    void prune() {
        Instant cutoff = Instant.now().minus(credentials.accessTokenTtl().plusMinutes(5));
        sessions.values().removeIf(at -> at.isBefore(cutoff));
        keys.values().removeIf(at -> at.isBefore(cutoff));
    }
}
