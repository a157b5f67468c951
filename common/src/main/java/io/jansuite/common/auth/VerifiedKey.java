package io.jansuite.common.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Set;

/**
 * What the auth-service vouches for about an active API key. {@code allowedModels}: the model ids the key
 * may use, null (or empty) for every model.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerifiedKey(String keyId, String userId, Set<String> scopes, Set<String> roles, boolean guest,
        Instant expiresAt, Set<String> allowedModels) {

    /** A key that may use every model. */
    public VerifiedKey(String keyId, String userId, Set<String> scopes, Set<String> roles, boolean guest,
            Instant expiresAt) {
        this(keyId, userId, scopes, roles, guest, expiresAt, null);
    }
}
