package io.jansuite.auth.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Token lifetimes, issuer and sign-in limits, in one place. */
@ApplicationScoped
public class AuthSettings {

    @ConfigProperty(name = "app.jwt.issuer")
    String issuer;

    @ConfigProperty(name = "app.auth.access-token-ttl", defaultValue = "15m")
    Duration accessTokenTtl;

    @ConfigProperty(name = "app.auth.refresh-token-ttl", defaultValue = "30d")
    Duration refreshTokenTtl;

    @ConfigProperty(name = "app.auth.login.max-failures-per-account", defaultValue = "5")
    int maxFailuresPerAccount;

    @ConfigProperty(name = "app.auth.login.max-failures-per-client", defaultValue = "20")
    int maxFailuresPerClient;

    @ConfigProperty(name = "app.auth.login.failure-window", defaultValue = "15m")
    Duration failureWindow;

    @ConfigProperty(name = "app.auth.sign-in.max-per-client", defaultValue = "60")
    int signInsPerClient;

    @ConfigProperty(name = "app.auth.sign-in.window", defaultValue = "1m")
    Duration signInWindow;

    @ConfigProperty(name = "app.auth.bcrypt-cost", defaultValue = "11")
    int bcryptCost;

    public String issuer() {
        return issuer;
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    public Duration refreshTokenTtl() {
        return refreshTokenTtl;
    }

    public int maxFailuresPerAccount() {
        return maxFailuresPerAccount;
    }

    public int maxFailuresPerClient() {
        return maxFailuresPerClient;
    }

    public Duration failureWindow() {
        return failureWindow;
    }

    /** Sign-in requests (guest-login, register, login) one client address may make per {@link #signInWindow()}. */
    public int signInsPerClient() {
        return signInsPerClient;
    }

    public Duration signInWindow() {
        return signInWindow;
    }

    /** The longest of the sign-in windows: a counter older than this has expired. */
    public Duration longestWindow() {
        return failureWindow.compareTo(signInWindow) >= 0 ? failureWindow : signInWindow;
    }

    public int bcryptCost() {
        return bcryptCost;
    }
}
