package io.jansuite.auth.service;

import io.jansuite.auth.User;
import io.jansuite.auth.config.JwtConfig;
import io.jansuite.auth.config.SigningKeys;
import io.jansuite.common.auth.CredentialConfig;
import io.jansuite.common.auth.CredentialFilter;
import io.jansuite.common.http.RequestIds;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Mints access tokens (RS256 JWTs, claims as docs/internal-api.md says) and opaque refresh tokens
 * ({@code rt_} + 256 random bits, stored by hash).
 */
@ApplicationScoped
public class TokenIssuer {

    public static final String REFRESH_PREFIX = "rt_";

    @Inject
    SigningKeys keys;

    @Inject
    JwtConfig jwt;

    @Inject
    CredentialConfig credentials;

    private volatile JwtConsumer sessionReader;

    public String accessToken(User user, String sessionId, Instant now) {
        return Jwt.issuer(jwt.issuer())
                .subject(user.id)
                .groups(Set.copyOf(user.roles))
                .claim(CredentialFilter.SESSION_CLAIM, sessionId)
                .claim(CredentialFilter.GUEST_CLAIM, user.guest)
                .issuedAt(now)
                .expiresAt(now.plus(credentials.accessTokenTtl()))
                .jws().keyId(keys.keyId()).algorithm(SignatureAlgorithm.RS256)
                .sign(keys.privateKey());
    }

    public String refreshToken() {
        return REFRESH_PREFIX + RequestIds.randomBase62(43);
    }

    public long accessTokenSeconds() {
        return credentials.accessTokenTtl().toSeconds();
    }

    /**
     * The session id of an access token this service signed, expired or not (revoking the session of an
     * expired token still kills its refresh token); null when the signature or issuer is wrong.
     */
    public String sessionOf(String accessToken) {
        try {
            JwtClaims claims = reader().processToClaims(accessToken);
            if (!jwt.issuer().equals(claims.getIssuer())) {
                return null;
            }
            Object sid = claims.getClaimValue(CredentialFilter.SESSION_CLAIM);
            return sid instanceof String s ? s : null;
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            return null;
        }
    }

    private JwtConsumer reader() {
        if (sessionReader == null) {
            sessionReader = new JwtConsumerBuilder()
                    .setVerificationKey(keys.publicKey())
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                    .setSkipAllDefaultValidators()
                    .build();
        }
        return sessionReader;
    }
}
