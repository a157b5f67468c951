package io.jansuite.conversation.rest;

import io.jansuite.conversation.Share;
import io.jansuite.conversation.config.ConversationConfig;
import io.jansuite.conversation.rest.Views.ShareView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A share as its owner sees it, with the public link under {@code app.public-base-url} (PUBLIC_BASE_URL). */
@ApplicationScoped
public class ShareLinks {

    @Inject
    ConversationConfig config;

    ShareView view(Share s) {
        String url = config.publicBaseUrl();
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return new ShareView(s.id, "share", s.slug, base + "/v1/public/shares/" + s.slug, s.expiresAt, s.readOnly,
                s.allowFeedback, s.createdAt, s.revokedAt);
    }
}
