package io.jansuite.catalog.rest;

import io.jansuite.common.error.ApiException;

/** Parsing of the optional query parameters shared by the list routes. */
final class QueryParams {

    private QueryParams() {
    }

    static Boolean bool(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw ApiException.badRequest("invalid_" + name, name + " must be true or false.", name);
        };
    }

    static <T> T found(T value, String code, String message) {
        if (value == null) {
            throw ApiException.notFound(code, message);
        }
        return value;
    }
}
