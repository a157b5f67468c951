package io.jansuite.common.api;

import io.jansuite.common.error.ApiException;

/** Optional boolean query parameters ({@code ?enabled=true}): true/false or 1/0; absent means no filter. */
public final class QueryFlags {

    private QueryFlags() {
    }

    public static Boolean parse(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw ApiException.badRequest("invalid_" + name, name + " must be true or false.", name);
        };
    }
}
