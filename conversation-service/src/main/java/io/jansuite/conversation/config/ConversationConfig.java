package io.jansuite.conversation.config;

import io.smallrye.config.ConfigMapping;

/** The conversation-service's own settings. */
@ConfigMapping(prefix = "app")
public interface ConversationConfig {

    /** The origin share links point at (PUBLIC_BASE_URL). */
    String publicBaseUrl();
}
