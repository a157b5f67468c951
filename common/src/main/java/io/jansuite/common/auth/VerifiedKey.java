package io.jansuite.common.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Set;

/**
 * What the auth-service vouches for about an active API key. {@code models}: the public models the key may
 * use; empty (or absent from an older auth-service's answer) means every model.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerifiedKey(String keyId, String userId, Set<String> scopes, Set<String> roles, boolean guest,
        Instant expiresAt, Set<String> models) {

    public VerifiedKey {
        models = models == null ? Set.of() : Set.copyOf(models);
    }

    /** A key limited to no model list: it may use every model. */
    public VerifiedKey(String keyId, String userId, Set<String> scopes, Set<String> roles, boolean guest,
            Instant expiresAt) {
        this(keyId, userId, scopes, roles, guest, expiresAt, Set.of());
    }
}
