package io.jansuite.common.auth;

import io.smallrye.mutiny.Uni;

/** Turns a raw {@code sk_…} key into the key it names, or null when it is unknown, revoked or expired. */
public interface ApiKeyVerifier {

    Uni<VerifiedKey> verify(String rawKey);

    /** Forget what is cached about a key, after it was revoked. */
    void evict(String keyId);
}
