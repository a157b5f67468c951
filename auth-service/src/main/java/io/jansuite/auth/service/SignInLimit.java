package io.jansuite.auth.service;

import io.jansuite.auth.config.AuthSettings;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Sign-in requests per client address (guest sign-ups, registrations and logins together, successful or
 * not): at most {@code app.auth.sign-in.max-per-client} per {@code app.auth.sign-in.window}, then 429 with
 * {@code Retry-After}. Keeps one address from creating accounts or trying passwords in bulk.
 */
@ApplicationScoped
public class SignInLimit {

    @Inject
    AttemptCounter counter;

    @Inject
    AuthSettings settings;

    public Uni<Void> admit(String clientAddress) {
        return counter.count("sign-in-client:" + Hashes.sha256(clientAddress), settings.signIn().maxPerClient(),
                settings.signIn().window()).invoke(wait -> {
                    if (wait > 0) {
                        throw new ApiException(429, "too_many_sign_ins",
                                "Too many sign-in requests from this address; try again in " + wait + " seconds.",
                                null, null, Map.of("Retry-After", Long.toString(wait)));
                    }
                }).replaceWithVoid();
    }
}
