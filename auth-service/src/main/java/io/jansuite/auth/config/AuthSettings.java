package io.jansuite.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * The auth-service's own settings ({@code app.auth.*}): refresh tokens, sign-in limits, password hashing,
 * trusted proxies and the revocation feed. What every service reads under {@code app.auth} (the access
 * token's lifetime, public paths, API-key caching) is common's {@code CredentialConfig}.
 */
@ConfigMapping(prefix = "app.auth")
public interface AuthSettings {

    @WithDefault("30d")
    Duration refreshTokenTtl();

    Login login();

    SignIn signIn();

    @WithDefault("11")
    int bcryptCost();

    /** The proxies whose {@code X-Forwarded-For} is believed (literal addresses or CIDR blocks). */
    @WithDefault("127.0.0.0/8,::1")
    List<String> trustedProxies();

    /** How far back {@code GET /internal/revocations} reaches. */
    @WithDefault("6h")
    Duration revocationFeedWindow();

    /** The longest of the sign-in windows: a counter older than this has expired. */
    default Duration longestWindow() {
        Duration failures = login().failureWindow();
        return failures.compareTo(signIn().window()) >= 0 ? failures : signIn().window();
    }

    /** Failed passwords: per account and per client address, within a window. */
    interface Login {
        @WithDefault("5")
        int maxFailuresPerAccount();

        @WithDefault("20")
        int maxFailuresPerClient();

        @WithDefault("15m")
        Duration failureWindow();
    }

    /** Sign-in requests (guest-login, register, login) one client address may make per window. */
    interface SignIn {
        @WithDefault("60")
        int maxPerClient();

        @WithDefault("1m")
        Duration window();
    }
}
