package io.jansuite.auth.service;

import io.jansuite.auth.config.AuthSettings;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Brute-force limits on password logins: at most {@code max-failures-per-account} attempts for one e-mail,
 * and {@code max-failures-per-client} from one client address, per {@code failure-window}; beyond them 429
 * with {@code Retry-After} until the window ends. Each attempt is counted before its password is checked
 * ({@link AttemptCounter}, atomic), so parallel guesses cannot all get past the limit; a successful login
 * then takes its attempt back (the account's all of them). Subjects are SHA-256 hashes, so a password typed
 * into the e-mail field never lands in the database in clear.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    AttemptCounter counter;

    @Inject
    AuthSettings settings;

    static String accountSubject(String email) {
        return "login-account:" + Hashes.sha256(email);
    }

    static String clientSubject(String address) {
        return "login-client:" + Hashes.sha256(address);
    }

    /**
     * Counts a login attempt, failing with 429 when the client or the account has used up its attempts. The
     * client is counted first: a client already refused does not use up the account's attempts.
     */
    public Uni<Void> attempt(String email, String clientAddress) {
        return counter.count(clientSubject(clientAddress), settings.login().maxFailuresPerClient(), settings.login().failureWindow())
                .chain(wait -> wait > 0 ? Uni.createFrom().failure(tooMany(wait))
                        : counter.count(accountSubject(email), settings.login().maxFailuresPerAccount(), settings.login().failureWindow()))
                .invoke(wait -> {
                    if (wait > 0) {
                        throw tooMany(wait);
                    }
                }).replaceWithVoid();
    }

    /** A successful login forgives the account's attempts and takes back the client's for this one. */
    public Uni<Void> succeeded(String email, String clientAddress) {
        return counter.clear(accountSubject(email)).chain(() -> counter.refund(clientSubject(clientAddress)));
    }

    private static ApiException tooMany(long wait) {
        return new ApiException(429, "too_many_attempts",
                "Too many failed sign-in attempts; try again in " + wait + " seconds.", null, null,
                Map.of("Retry-After", Long.toString(wait)));
    }
}
