package io.jansuite.catalog.adminapi;

import io.jansuite.common.auth.Caller;

/**
 * The admin on whose behalf the admin-service changes the catalog, for the audit entry the catalog-service
 * writes with the change. Sent as one header, {@code X-Admin-Actor: <user id>[ <api key id>]}; the routes that
 * carry it serve the admin-service alone.
 */
public record AdminActor(String userId, String apiKeyId) {

    public static final String HEADER = io.jansuite.common.auth.InternalSignature.ACTOR_HEADER;

    public static String header(Caller caller) {
        return caller.apiKeyId() == null ? caller.userId() : caller.userId() + " " + caller.apiKeyId();
    }

    /** The actor named by the header, or null when there is none. */
    public static AdminActor parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] parts = header.trim().split(" ", 2);
        return new AdminActor(parts[0], parts.length > 1 ? parts[1].trim() : null);
    }
}
