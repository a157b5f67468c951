package io.jansuite.testing;

import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Real RS256 access tokens signed with the test key pair ({@code test-keys/}), the same shape the
 * auth-service issues: subject = user id, {@code groups} = roles, {@code sid} = session.
 */
public final class TestTokens {

    public static final String ISSUER = "https://jansuite.local/auth";

    private TestTokens() {
    }

    public static String user(String userId) {
        return token(userId, Set.of("user"), ISSUER, Instant.now().plusSeconds(900));
    }

    public static String admin(String userId) {
        return token(userId, Set.of("user", "admin"), ISSUER, Instant.now().plusSeconds(900));
    }

    public static String token(String userId, Set<String> roles, String issuer, Instant expiresAt) {
        return Jwt.issuer(issuer)
                .subject(userId)
                .groups(roles)
                .claim("sid", "ses_" + UUID.randomUUID())
                .claim("guest", false)
                .issuedAt(Instant.now().minusSeconds(1))
                .expiresAt(expiresAt)
                .sign("test-keys/privateKey.pem");
    }

    public static String newUserId() {
        return "usr_" + UUID.randomUUID().toString().replace("-", "");
    }
}
