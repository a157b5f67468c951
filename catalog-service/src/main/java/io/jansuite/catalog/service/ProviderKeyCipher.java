package io.jansuite.catalog.service;

import io.jansuite.catalog.config.CatalogConfig;
import io.jansuite.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Provider API keys at rest: AES-256-GCM with a random 96-bit nonce, stored as {@code v1:<base64(nonce|ciphertext)>}.
 * The key is {@code app.crypto.provider-key} (base64 of 32 bytes). Without it the service still runs, but
 * refuses to store a key.
 */
@ApplicationScoped
public class ProviderKeyCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    @Inject
    public ProviderKeyCipher(CatalogConfig config) {
        this(config.crypto().providerKey());
    }

    ProviderKeyCipher(Optional<String> configured) {
        this.key = configured.filter(s -> !s.isBlank()).map(ProviderKeyCipher::parse).orElse(null);
    }

    private static SecretKey parse(String base64) {
        byte[] raw = Base64.getDecoder().decode(base64.trim());
        if (raw.length != 32) {
            throw new IllegalStateException("app.crypto.provider-key must be the base64 of 32 bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    public String encrypt(String plain) {
        if (key == null) {
            throw ApiException.unavailable("encryption_not_configured",
                    "Provider keys cannot be stored: PROVIDER_KEY_SECRET is not set on the catalog-service.");
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a provider key", e);
        }
    }

    /** The plain key, or null when none is stored. */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (key == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("a provider key cannot be decrypted: check PROVIDER_KEY_SECRET");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a provider key cannot be decrypted: check PROVIDER_KEY_SECRET", e);
        }
    }
}
