package io.jansuite.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential of one service-to-service request: an HMAC-SHA256, under the key that the two services
 * share, of the caller, the method, the raw path and query, a timestamp, a nonce, the admin the call acts
 * for ({@code X-Admin-Actor}, empty when none) and the SHA-256 of the body. Sent as {@code X-Internal-Caller: <caller>} and {@code X-Internal-Signature: t=<unix s>;n=<nonce>;s=<mac>}.
 */
public final class InternalSignature {

    public static final String CALLER_HEADER = "X-Internal-Caller";
    public static final String SIGNATURE_HEADER = "X-Internal-Signature";
    /** Who an admin change is made for: signed with the call, so it cannot be changed on the way. */
    public static final String ACTOR_HEADER = "X-Admin-Actor";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The parsed signature header. */
    public record Parts(long timestamp, String nonce, String mac) {
    }

    private InternalSignature() {
    }

    /** The {@code X-Internal-Signature} value for a request signed now. */
    public static String sign(byte[] key, String caller, String method, String pathAndQuery, String actor, byte[] body,
            long epochSeconds) {
        byte[] n = new byte[12];
        RANDOM.nextBytes(n);
        String nonce = B64.encodeToString(n);
        return "t=" + epochSeconds + ";n=" + nonce + ";s=" + mac(key, caller, method, pathAndQuery, epochSeconds,
                nonce, actor, body);
    }

    /** Whether the header's MAC is the one this key gives for this request (compared in constant time). */
    public static boolean matches(byte[] key, Parts parts, String caller, String method, String pathAndQuery,
            String actor, byte[] body) {
        String expected = mac(key, caller, method, pathAndQuery, parts.timestamp(), parts.nonce(), actor, body);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts.mac().getBytes(StandardCharsets.US_ASCII));
    }

    /** The parts of a signature header, or null when it is not one. */
    public static Parts parse(String header) {
        if (header == null || header.length() > 200) {
            return null;
        }
        String t = null;
        String n = null;
        String s = null;
        for (String field : header.split(";")) {
            if (field.startsWith("t=")) {
                t = field.substring(2);
            } else if (field.startsWith("n=")) {
                n = field.substring(2);
            } else if (field.startsWith("s=")) {
                s = field.substring(2);
            }
        }
        if (t == null || n == null || s == null || n.isEmpty() || s.isEmpty()) {
            return null;
        }
        try {
            return new Parts(Long.parseLong(t), n, s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String mac(byte[] key, String caller, String method, String pathAndQuery, long timestamp,
            String nonce, String actor, byte[] body) {
        String canonical = "jansuite-internal-v1\n" + caller + "\n" + method + "\n" + pathAndQuery + "\n" + timestamp
                + "\n" + nonce + "\n" + (actor == null ? "" : actor) + "\n" + sha256(body);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
