package io.jansuite.common.api;

import io.jansuite.common.error.ApiException;

/** A validated {@code limit}/{@code offset} pair: limit 1..100 (default 20), offset 0.. (default 0). */
public record Page(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static Page of(String limit, String offset) {
        int l = parse(limit, "limit", DEFAULT_LIMIT);
        int o = parse(offset, "offset", 0);
        if (l < 1 || l > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT + ".", "limit");
        }
        if (o < 0) {
            throw ApiException.badRequest("invalid_offset", "offset must be 0 or more.", "offset");
        }
        return new Page(l, o);
    }

    private static int parse(String value, String name, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_" + name, name + " must be an integer.", name);
        }
    }
}
