package io.jansuite.common.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The optional Redis of the suite ({@code app.redis.url}, REDIS_URL): absent or blank, each replica keeps to itself. */
@ConfigMapping(prefix = "app.redis")
public interface RedisConfig {

    Optional<String> url();

    /** The URL when one is set and not blank. */
    default Optional<String> configured() {
        return url().filter(u -> !u.isBlank());
    }
}
