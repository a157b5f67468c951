package io.jansuite.inference.provider;

/**
 * An upstream call that failed. {@code retryable}: connection errors, timeouts, 429 and 5xx, worth another
 * attempt or another provider. {@code rejected}: the upstream refused the request itself (400/413/422), which
 * no other provider would accept either, so it goes back to the client.
 */
public class UpstreamException extends RuntimeException {

    private final int status;
    private final boolean retryable;
    private final boolean timeout;
    private final boolean rejected;

    public UpstreamException(String message, int status, boolean retryable, boolean timeout, boolean rejected) {
        super(message, null, false, false);
        this.status = status;
        this.retryable = retryable;
        this.timeout = timeout;
        this.rejected = rejected;
    }

    public static UpstreamException connect(String message) {
        return new UpstreamException(message, 0, true, false, false);
    }

    public static UpstreamException timeout(String message) {
        return new UpstreamException(message, 0, true, true, false);
    }

    public static UpstreamException protocol(String message) {
        return new UpstreamException(message, 0, false, false, false);
    }

    /** The outcome for an upstream's non-2xx status. */
    public static UpstreamException status(int status, String upstreamMessage) {
        boolean rejected = status == 400 || status == 413 || status == 422;
        boolean retryable = status == 429 || status == 408 || status >= 500;
        String message = "upstream answered " + status + (upstreamMessage == null ? "" : ": " + upstreamMessage);
        return new UpstreamException(rejected && upstreamMessage != null ? upstreamMessage : message, status,
                retryable, status == 408, rejected);
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean timeout() {
        return timeout;
    }

    public boolean rejected() {
        return rejected;
    }
}
