package io.jansuite.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The catalog-service's own settings: what it seeds at start-up and the key that encrypts provider keys. */
@ConfigMapping(prefix = "app")
public interface CatalogConfig {

    Bootstrap bootstrap();

    /** Providers from configuration (APP_PROVIDERS): a JSON list, imported at start-up (see CatalogBootstrap). */
    Optional<String> providers();

    Crypto crypto();

    /** Calls to providers and MCP servers when an admin syncs them. */
    Sync sync();

    interface Bootstrap {
        /** Seed the built-in simulator provider with the examples page's models (once). */
        @WithDefault("false")
        boolean simulator();
    }

    interface Sync {
        /** Connecting to a provider or an MCP server. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** A provider's whole {@code GET /models}. */
        @WithDefault("15s")
        Duration modelsTimeout();

        /** Each MCP request ({@code initialize}, {@code tools/list}). */
        @WithDefault("20s")
        Duration toolsTimeout();
    }

    interface Crypto {
        /** The base64 of 32 bytes (AES-256-GCM) that encrypts provider keys at rest. */
        Optional<String> providerKey();
    }
}
