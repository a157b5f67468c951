package io.jansuite.common.auth;

import java.util.Set;

/**
 * Who is calling: a user signed in with an access token (all scopes of their roles) or with an API key
 * (the key's scopes, and the models it is limited to: {@code allowedModels}, null or empty for every
 * model, always null for access tokens). Resources read it from {@link CurrentCaller}.
 */
public record Caller(String userId, Set<String> roles, Set<String> scopes, String sessionId, String apiKeyId,
        boolean guest, String credential, Set<String> allowedModels) {

    public static final String ADMIN = "admin";

    /** A caller that may use every model. */
    public Caller(String userId, Set<String> roles, Set<String> scopes, String sessionId, String apiKeyId,
            boolean guest, String credential) {
        this(userId, roles, scopes, sessionId, apiKeyId, guest, credential, null);
    }

    /** Whether this caller may use the model with this id (its exact id, as the catalog names it). */
    public boolean mayUse(String modelId) {
        return allowedModels == null || allowedModels.isEmpty() || allowedModels.contains(modelId);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN) && scopes.contains(ADMIN);
    }

    public boolean canWrite() {
        return scopes.contains("write");
    }

    /** The credential as the caller presented it, to act on their behalf in a call to another service. */
    public String authorizationHeader() {
        return "Bearer " + credential;
    }

    @Override
    public String toString() {
        return "Caller[" + userId + (apiKeyId == null ? "" : ", key " + apiKeyId) + "]";
    }
}
