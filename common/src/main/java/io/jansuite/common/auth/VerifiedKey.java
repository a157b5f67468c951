package io.jansuite.common.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Set;

/** What the auth-service vouches for about an active API key. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerifiedKey(String keyId, String userId, Set<String> scopes, Set<String> roles, boolean guest,
        Instant expiresAt) {
}
