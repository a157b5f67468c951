package io.jansuite.inference.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of counting one request against a per-minute limit; {@code limit} 0 means unlimited. */
public record RateDecision(boolean allowed, int limit, int remaining, long resetMs) {

    public static final RateDecision UNLIMITED = new RateDecision(true, 0, 0, 0);

    public static RateDecision of(long count, int limit, long resetMs) {
        return new RateDecision(count <= limit, limit, (int) Math.max(0, limit - count), Math.max(0, resetMs));
    }

    public long resetSeconds() {
        return Math.max(1, (resetMs + 999) / 1000);
    }

    /** X-RateLimit-* (and Retry-After when refused); none for an unlimited model. */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (limit > 0) {
            out.put("X-RateLimit-Limit", List.of(String.valueOf(limit)));
            out.put("X-RateLimit-Remaining", List.of(String.valueOf(remaining)));
            out.put("X-RateLimit-Reset", List.of(String.valueOf(resetSeconds())));
            if (!allowed) {
                out.put("Retry-After", List.of(String.valueOf(resetSeconds())));
            }
        }
        return out;
    }
}
