package io.jansuite.common.auth;

import io.jansuite.common.http.RequestIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * API keys: {@code sk_} + 43 base62 characters (256 random bits) + a 6-character base62 CRC32 checksum, as
 * GitHub's tokens carry one. A key with a wrong checksum is refused on the spot, so a flood of made-up keys
 * never reaches the auth-service or its database.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "sk_";
    private static final int RANDOM_LENGTH = 43;
    private static final int CHECK_LENGTH = 6;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private ApiKeyFormat() {
    }

    public static String generate() {
        String body = RequestIds.randomBase62(RANDOM_LENGTH);
        return PREFIX + body + checksum(body);
    }

    public static boolean isWellFormed(String key) {
        if (key == null || key.length() != PREFIX.length() + RANDOM_LENGTH + CHECK_LENGTH || !key.startsWith(PREFIX)) {
            return false;
        }
        String body = key.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return checksum(body).equals(key.substring(PREFIX.length() + RANDOM_LENGTH));
    }

    /** What is shown in lists: enough to tell keys apart, far too little to use. */
    public static String displayPrefix(String key) {
        return key.substring(0, PREFIX.length() + 6);
    }

    /** SHA-256 of the key, hex: what is stored and what caches are keyed by. 256 random bits need no salt. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checksum(String body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECK_LENGTH];
        for (int i = CHECK_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
