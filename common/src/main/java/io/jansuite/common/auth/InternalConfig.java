package io.jansuite.common.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Service-to-service credentials (see {@link InternalCallers}). */
@ConfigMapping(prefix = "app.internal")
public interface InternalConfig {

    /**
     * The keys this service shares with each neighbour, as {@code <service>:<secret>} (secret: at least 32
     * characters). A neighbour without a key can neither call this service nor be called by it.
     */
    Optional<List<String>> keys();

    /**
     * Who may call which internal routes, as {@code <path prefix>=<service>|<service>}; the longest matching
     * prefix decides, and a route no prefix matches serves nobody.
     */
    Optional<List<String>> callers();

    /** How far a signed request's timestamp may be from this service's clock. */
    @WithDefault("30s")
    Duration maxSkew();
}
