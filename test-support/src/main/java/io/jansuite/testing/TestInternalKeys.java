package io.jansuite.testing;

import java.nio.charset.StandardCharsets;

/** The internal-call keys that test-support's configuration gives every service under test (app.internal.keys). */
public final class TestInternalKeys {

    private TestInternalKeys() {
    }

    /** The key a service under test shares with {@code caller}. */
    public static byte[] key(String caller) {
        return ("test-internal-key-for-" + caller).getBytes(StandardCharsets.UTF_8);
    }
}
