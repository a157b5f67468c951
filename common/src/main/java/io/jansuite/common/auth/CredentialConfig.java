package io.jansuite.common.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** How every service checks credentials ({@code app.auth.*}; the auth-service adds its own settings there). */
@ConfigMapping(prefix = "app.auth")
public interface CredentialConfig {

    /** Path prefixes served without a credential. */
    List<String> publicPaths();

    /** How long an access token lives (the auth-service mints them; revocations are kept as long). */
    @WithDefault("15m")
    Duration accessTokenTtl();

    /** How long a verified API key is believed without asking the auth-service again. */
    @WithDefault("30s")
    Duration keyCacheTtl();

    /** How long a key seen before is still accepted while the auth-service is unreachable. */
    @WithDefault("10m")
    Duration keyOutageGrace();
}
