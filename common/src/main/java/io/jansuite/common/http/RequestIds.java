package io.jansuite.common.http;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/** The request id of the call being served: taken from X-Request-Id when sane, generated otherwise. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    /** The id of the current request, or null outside one. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** The client's id when it is safe to echo and log, a new one otherwise. */
    public static String accept(String fromClient) {
        return fromClient != null && SANE.matcher(fromClient).matches() ? fromClient : "req_" + randomBase62(20);
    }

    public static String randomBase62(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(out);
    }
}
