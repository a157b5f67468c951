package io.jansuite.conversation.rest;

import io.jansuite.conversation.Share;
import io.jansuite.conversation.rest.Views.ShareView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A share as its owner sees it, with the public link under {@code app.public-base-url} (PUBLIC_BASE_URL). */
@ApplicationScoped
public class ShareLinks {

    @ConfigProperty(name = "app.public-base-url")
    String publicBaseUrl;

    ShareView view(Share s) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return new ShareView(s.id, "share", s.slug, base + "/v1/public/shares/" + s.slug, s.expiresAt, s.readOnly,
                s.allowFeedback, s.createdAt, s.revokedAt);
    }
}
