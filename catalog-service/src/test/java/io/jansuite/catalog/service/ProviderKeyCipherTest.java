package io.jansuite.catalog.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jansuite.common.error.ApiException;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AES-GCM for provider keys: round trip, fresh nonces, tamper detection, and no key configured. */
class ProviderKeyCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9,
            10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 });

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        ProviderKeyCipher cipher = new ProviderKeyCipher(Optional.of(KEY));
        String a = cipher.encrypt("sk-abc");
        String b = cipher.encrypt("sk-abc");
        assertNotEquals(a, b);
        assertEquals("sk-abc", cipher.decrypt(a));
        assertEquals("sk-abc", cipher.decrypt(b));
        assertNull(cipher.decrypt(null));
    }

    @Test
    void tamperedCiphertextOrAnotherKeyIsRefused() {
        String sealed = new ProviderKeyCipher(Optional.of(KEY)).encrypt("sk-abc");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> new ProviderKeyCipher(Optional.of(KEY)).decrypt(tampered));
        assertThrows(IllegalStateException.class, () -> new ProviderKeyCipher(Optional.of(OTHER_KEY)).decrypt(sealed));
    }

    @Test
    void withoutAKeyNothingCanBeStored() {
        ApiException e = assertThrows(ApiException.class, () -> new ProviderKeyCipher(Optional.empty()).encrypt("sk"));
        assertEquals(503, e.status());
        assertThrows(IllegalStateException.class, () -> new ProviderKeyCipher(Optional.of("c2hvcnQ=")));
    }
}
