package io.jansuite.admin.rest;

import io.jansuite.common.error.ApiException;

/** Boolean query parameters: true/false (or 1/0), absent = no filter. */
final class Flags {

    private Flags() {
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
}
