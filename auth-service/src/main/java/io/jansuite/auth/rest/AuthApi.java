package io.jansuite.auth.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jansuite.auth.ApiKey;
import io.jansuite.auth.User;
import io.jansuite.auth.service.IssuedTokens;
import java.time.Instant;
import java.util.List;

/** Request and response shapes of the auth routes (snake_case on the wire). */
final class AuthApi {

    private AuthApi() {
    }

    record Credentials(String email, String password) {
    }

    record RefreshRequest(String refreshToken) {
    }

    record RevokeRequest(String token, String refreshToken) {
    }

    record CreateKeyRequest(String name, Integer expiresInDays, List<String> scopes) {
    }

    /** Flat, no envelope: the examples read {@code authData.access_token}. */
    record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, String userId) {

        static TokenResponse of(IssuedTokens t) {
            return new TokenResponse(t.accessToken(), t.refreshToken(), "Bearer", t.expiresIn(), t.userId());
        }
    }

    record Revoked(boolean revoked) {
    }

    record Me(String id, String email, @JsonProperty("is_guest") boolean isGuest, List<String> roles, Instant createdAt) {

        static Me of(User u) {
            return new Me(u.id, u.email, u.guest, u.roles, u.createdAt);
        }
    }

    record KeyView(String id, String name, List<String> scopes, String prefix, @JsonProperty("is_active") boolean isActive,
            Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

        static KeyView of(ApiKey k) {
            return new KeyView(k.id, k.name, k.scopes, k.prefix, k.active, k.createdAt, k.expiresAt, k.lastUsedAt);
        }
    }

    /** The one response that carries the key itself. */
    record CreatedKey(String id, String key, String name, List<String> scopes, String prefix,
            @JsonProperty("is_active") boolean isActive, Instant createdAt, Instant expiresAt) {

        static CreatedKey of(ApiKey k, String secret) {
            return new CreatedKey(k.id, secret, k.name, k.scopes, k.prefix, k.active, k.createdAt, k.expiresAt);
        }
    }
}
