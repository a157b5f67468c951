package io.jansuite.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.filter.Filter;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Calls to a service's {@code /internal/} routes as another service of the suite makes them, signed with
 * the key test-support's configuration gives that caller (app.internal.keys). Written apart from common's
 * signer on purpose: the tests check the wire format, not the code against itself.
 */
public final class InternalCalls {

    public static final String CALLER_HEADER = "X-Internal-Caller";
    public static final String SIGNATURE_HEADER = "X-Internal-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private InternalCalls() {
    }

    /** The key a service under test shares with {@code caller}. */
    public static byte[] key(String caller) {
        return ("test-internal-key-for-" + caller).getBytes(StandardCharsets.UTF_8);
    }

    /** A request that is signed, when sent, by {@code caller} (method, path, query and body as sent). */
    public static RequestSpecification as(String caller) {
        return given().filter(signer(caller));
    }

    /** The filter that signs each request it sees, now, as {@code caller}. */
    public static Filter signer(String caller) {
        return (request, response, context) -> {
            Object body = request.getBody();
            byte[] bytes;
            if (body == null) {
                bytes = new byte[0];
            } else if (body instanceof byte[] raw) {
                bytes = raw;
            } else if (body instanceof String text) {
                bytes = text.getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    bytes = JSON.writeValueAsBytes(body);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                request.body(bytes);
            }
            URI uri = URI.create(request.getURI());
            String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
            headers(key(caller), caller, request.getMethod(), target, request.getHeaders().getValue("X-Admin-Actor"),
                    bytes, Instant.now().getEpochSecond()).forEach(request::header);
            return context.next(request, response);
        };
    }

    /** The two headers of a request signed by {@code caller} at {@code epochSeconds}. */
    public static Map<String, String> headers(String caller, String method, String pathAndQuery, byte[] body,
            long epochSeconds) {
        return headers(key(caller), caller, method, pathAndQuery, null, body, epochSeconds);
    }

    /** The same, with any key (to forge a caller) and the admin the call acts for (X-Admin-Actor, or null). */
    public static Map<String, String> headers(byte[] key, String caller, String method, String pathAndQuery,
            String actor, byte[] body, long epochSeconds) {
        byte[] n = new byte[12];
        RANDOM.nextBytes(n);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(n);
        try {
            String canonical = String.join("\n", "jansuite-internal-v1", caller, method, pathAndQuery,
                    Long.toString(epochSeconds), nonce, actor == null ? "" : actor,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String sig = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
            return Map.of(CALLER_HEADER, caller, SIGNATURE_HEADER, "t=" + epochSeconds + ";n=" + nonce + ";s=" + sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
