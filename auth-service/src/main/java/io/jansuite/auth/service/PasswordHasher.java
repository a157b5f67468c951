package io.jansuite.auth.service;

import io.jansuite.auth.config.AuthSettings;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * bcrypt, always on a worker thread (a hash takes ~100 ms). The password is first reduced to base64(SHA-256),
 * so bcrypt's 72-byte limit never silently truncates a long passphrase.
 */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    Vertx vertx;

    @Inject
    AuthSettings settings;

    private volatile String decoy;

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hashNow(password)), false);
    }

    /** Blocking: for start-up code only. */
    public String hashNow(String password) {
        return BcryptUtil.bcryptHash(prehash(password), settings.bcryptCost());
    }

    /**
     * True when the password matches. A null hash (no such account) is checked against a decoy, so the
     * answer takes as long whether or not the account exists.
     */
    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            boolean ok = BcryptUtil.matches(prehash(password), hash != null ? hash : decoy());
            return ok && hash != null;
        }), false);
    }

    private String decoy() {
        if (decoy == null) {
            decoy = hashNow("decoy-password-for-timing");
        }
        return decoy;
    }

    private static String prehash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
