package io.jansuite.common.http;

/**
 * Decides whether a request's raw path is already in the one form every layer agrees on. Vert.x and
 * RESTEasy Reactive route on a normalised, decoded path ({@code /q/../internal/x} is {@code /internal/x},
 * {@code //v1/a} is {@code /v1/a}, {@code %61} is {@code a}); a path that only reaches a route after such a
 * rewrite is refused, so that what a proxy, a log line and every check see is what is routed.
 */
public final class RawPaths {

    /** Longer paths are refused: no route of the suite comes near this. */
    public static final int MAX_LENGTH = 2048;

    private RawPaths() {
    }

    /** Why the raw path (without the query) is refused, or null when it is canonical. */
    public static String problem(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return "The path must start with '/'.";
        }
        if (rawPath.length() > MAX_LENGTH) {
            return "The path is longer than " + MAX_LENGTH + " characters.";
        }
        int segmentStart = 1;
        for (int i = 1; i <= rawPath.length(); i++) {
            char c = i < rawPath.length() ? rawPath.charAt(i) : '/';
            if (c == '/') {
                String segment = rawPath.substring(segmentStart, i);
                if (segment.equals(".") || segment.equals("..")) {
                    return "The path has a dot segment.";
                }
                if (segment.isEmpty() && i < rawPath.length()) {
                    return "The path has an empty segment ('//').";
                }
                segmentStart = i + 1;
            } else if (c == '\\' || c == ';' || c < 0x21 || c == 0x7f) {
                return "The path has a character that is not allowed there.";
            } else if (c == '%') {
                String escape = escapeProblem(rawPath, i);
                if (escape != null) {
                    return escape;
                }
                i += 2;
            }
        }
        return null;
    }

    /**
     * A percent-escape is fine only where it is needed: an escaped unreserved character (a letter, a digit,
     * {@code - . _ ~}) is another spelling of the same path, and {@code %2F}, {@code %5C}, {@code %3B} and
     * {@code %00} change what a segment is.
     */
    private static String escapeProblem(String path, int at) {
        if (at + 2 >= path.length()) {
            return "The path has a truncated percent-escape.";
        }
        int hi = Character.digit(path.charAt(at + 1), 16);
        int lo = Character.digit(path.charAt(at + 2), 16);
        if (hi < 0 || lo < 0) {
            return "The path has an invalid percent-escape.";
        }
        int b = hi * 16 + lo;
        if (b == 0) {
            return "The path has an encoded NUL (%00).";
        }
        if (b == '/' || b == '\\' || b == ';') {
            return "The path has an encoded separator.";
        }
        if (b < 0x20 || b == 0x7f) {
            return "The path has an encoded control character.";
        }
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~') {
            return "The path spells a plain character as a percent-escape.";
        }
        return null;
    }
}
