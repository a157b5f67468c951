package io.jansuite.conversation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The size and shape limits of what users store here; each breach is a 400 (or 413) naming the field. */
@ApplicationScoped
public class Limits {

    public static final int MAX_TITLE_CHARS = 256;
    public static final int MAX_METADATA_KEYS = 16;
    public static final int MAX_METADATA_KEY_CHARS = 64;
    public static final int MAX_METADATA_VALUE_BYTES = 1024;
    public static final int MAX_CONTENT_BYTES = 256 * 1024;
    public static final int MAX_CONTENT_TYPE_CHARS = 64;
    public static final int MAX_BULK_IDS = 1000;
    public static final int MAX_APPEND = 1000;
    public static final Set<String> ROLES = Set.of("user", "assistant", "system", "tool");
    public static final List<String> INCOMPLETE_REASONS = List.of("upstream_error", "client_disconnected",
            "timeout");

    @Inject
    ObjectMapper json;

    public void title(String title) {
        if (title != null && title.codePointCount(0, title.length()) > MAX_TITLE_CHARS) {
            throw ApiException.badRequest("title_too_long", "title must be at most " + MAX_TITLE_CHARS + " characters.",
                    "title");
        }
    }

    /** Checks a metadata object as sent; null values are allowed (on update they remove the key). */
    public void metadata(Map<String, Object> metadata) {
        if (metadata == null) {
            return;
        }
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            String key = e.getKey();
            if (key.isEmpty() || key.length() > MAX_METADATA_KEY_CHARS) {
                throw ApiException.badRequest("invalid_metadata",
                        "metadata keys must be 1 to " + MAX_METADATA_KEY_CHARS + " characters.", "metadata." + key);
            }
            Object value = e.getValue();
            if (value instanceof Map || value instanceof Iterable) {
                throw ApiException.badRequest("invalid_metadata",
                        "metadata values must be strings, numbers, booleans or null.", "metadata." + key);
            }
            if (value != null && serializedBytes(value) > MAX_METADATA_VALUE_BYTES) {
                throw ApiException.badRequest("invalid_metadata",
                        "metadata values must be at most " + MAX_METADATA_VALUE_BYTES + " bytes.", "metadata." + key);
            }
        }
    }

    /** Checks the key count of metadata as it will be stored. */
    public void metadataSize(Map<String, Object> merged) {
        if (merged.size() > MAX_METADATA_KEYS) {
            throw ApiException.badRequest("invalid_metadata",
                    "metadata may have at most " + MAX_METADATA_KEYS + " keys.", "metadata");
        }
    }

    public void role(String role) {
        if (role == null || !ROLES.contains(role)) {
            throw ApiException.badRequest("invalid_role", "role must be one of user, assistant, system, tool.", "role");
        }
    }

    public void content(String content) {
        if (content == null) {
            throw ApiException.badRequest("invalid_value", "content is required.", "content");
        }
        // Cheap bound first: a UTF-8 character takes at most 3 bytes per UTF-16 unit.
        if ((long) content.length() * 3 > MAX_CONTENT_BYTES
                && content.getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_BYTES) {
            throw ApiException.tooLarge("content_too_large",
                    "content must be at most " + MAX_CONTENT_BYTES + " bytes (256 KiB).", "content");
        }
    }

    /** Why a message was cut short; null for a whole one. */
    public void incompleteReason(String reason) {
        if (reason != null && !INCOMPLETE_REASONS.contains(reason)) {
            throw ApiException.badRequest("invalid_value",
                    "incomplete_details.reason must be one of " + INCOMPLETE_REASONS + ".", "incomplete_details.reason");
        }
    }

    public String contentType(String contentType) {
        if (contentType == null) {
            return "text";
        }
        if (contentType.isBlank() || contentType.length() > MAX_CONTENT_TYPE_CHARS) {
            throw ApiException.badRequest("invalid_value",
                    "content_type must be 1 to " + MAX_CONTENT_TYPE_CHARS + " characters.", "content_type");
        }
        return contentType;
    }

    private int serializedBytes(Object value) {
        try {
            return json.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_metadata", "metadata value cannot be serialized.", "metadata");
        }
    }
}
