package io.jansuite.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The built-in tools ({@code app.tools.*}): what {@code web_fetch} may reach and how much it reads. */
@ConfigMapping(prefix = "app.tools")
public interface ToolsConfig {

    WebFetch webFetch();

    interface WebFetch {

        /** The whole fetch, redirects included. */
        @WithDefault("15s")
        Duration timeout();

        /** Bytes of a page read at most; the rest is cut (with a notice), never buffered. */
        @WithDefault("2097152")
        int maxBytes();

        @WithDefault("5")
        int maxRedirects();

        /**
         * The operator's exception to the public-address rule: networks (CIDR, e.g. {@code 10.1.0.0/16}, or one
         * address) that web_fetch may reach although they are private, loopback or link-local. Empty: none.
         */
        Optional<List<String>> allowedNetworks();
    }
}
