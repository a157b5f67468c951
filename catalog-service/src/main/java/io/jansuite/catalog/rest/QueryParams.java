package io.jansuite.catalog.rest;

import io.jansuite.common.error.ApiException;

/** Turns an absent resource into the 404 of its kind. */
final class QueryParams {

    private QueryParams() {
    }

    static <T> T found(T value, String code, String message) {
        if (value == null) {
            throw ApiException.notFound(code, message);
        }
        return value;
    }
}
