package io.jansuite.auth.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jansuite.auth.ApiKey;
import io.jansuite.auth.User;
import io.jansuite.auth.service.IssuedTokens;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the auth routes (snake_case on the wire). */
final class AuthApi {

    private AuthApi() {
    }

    record Credentials(String email, String password) {
    }

    record RefreshRequest(String refreshToken) {
    }

    record RevokeRequest(String token, String refreshToken) {
    }

    record CreateKeyRequest(String name, Integer expiresInDays, List<String> scopes,
            @Schema(description = "model ids the key may use (leave out for every model)", maxItems = 100) List<String> models) {
    }

    /** Flat, no envelope: the examples read {@code authData.access_token}. */
    record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, String userId) {

        static TokenResponse of(IssuedTokens t) {
            return new TokenResponse(t.accessToken(), t.refreshToken(), "Bearer", t.expiresIn(), t.userId());
        }
    }

    record Revoked(boolean revoked) {
    }

    record Me(String id, @Schema(nullable = true, description = "null for guests") String email, @JsonProperty("is_guest") boolean isGuest, List<String> roles, Instant createdAt) {

        static Me of(User u) {
            return new Me(u.id, u.email, u.guest, u.roles, u.createdAt);
        }
    }

    record KeyView(String id, String name, List<String> scopes,
            @Schema(nullable = true, description = "the models the key may use; null for every model") List<String> models,
            String prefix, @JsonProperty("is_active") boolean isActive, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

        static KeyView of(ApiKey k) {
            return new KeyView(k.id, k.name, k.scopes, k.models, k.prefix, k.active, k.createdAt, k.expiresAt, k.lastUsedAt);
        }
    }

    /** The one response that carries the key itself. */
    record CreatedKey(String id, String key, String name, List<String> scopes,
            @Schema(nullable = true, description = "the models the key may use; null for every model") List<String> models,
            String prefix, @JsonProperty("is_active") boolean isActive, Instant createdAt, Instant expiresAt) {

        static CreatedKey of(ApiKey k, String secret) {
            return new CreatedKey(k.id, secret, k.name, k.scopes, k.models, k.prefix, k.active, k.createdAt, k.expiresAt);
        }
    }

    /** {@code {data: createdKey}}: the 201 of POST /llm/auth/api-keys, named for the API reference. */
    record CreatedKeyEnvelope(CreatedKey data) {
    }

    /** The JSON Web Key Set, as documented (the resource serves jose4j's map of the same fields). */
    record Jwks(List<Jwk> keys) {
    }

    record Jwk(String kty, String kid, String use, String alg, String n, String e) {
    }

    /** {@code {data: settings}} of GET and PATCH /v1/users/me/settings (the service works on maps). */
    record SettingsEnvelope(SettingsView data) {
    }

    record SettingsView(@JsonProperty("profile_settings") ProfileSettings profileSettings,
            @JsonProperty("memory_config") MemoryConfig memoryConfig,
            @JsonProperty("advanced_settings") AdvancedSettings advancedSettings,
            @JsonProperty("updated_at") @Schema(nullable = true, description = "null until the first change")
            Instant updatedAt) {
    }

    record ProfileSettings(
            @JsonProperty("base_style") @Schema(enumeration = {"Default", "Friendly", "Professional", "Concise",
                    "Casual", "Creative", "Technical"}) String baseStyle,
            @JsonProperty("nick_name") @Schema(maxLength = 50) String nickName,
            @Schema(maxLength = 100) String occupation,
            @Schema(maxLength = 2000) String about,
            @JsonProperty("custom_instructions") @Schema(maxLength = 4000) String customInstructions) {
    }

    record MemoryConfig(boolean enabled, @JsonProperty("observe_enabled") boolean observeEnabled,
            @JsonProperty("min_similarity") @Schema(minimum = "0", maximum = "1") double minSimilarity,
            @JsonProperty("max_items") @Schema(minimum = "1", maximum = "100") int maxItems) {
    }

    record AdvancedSettings(@JsonProperty("web_search_enabled") boolean webSearchEnabled,
            @JsonProperty("code_execution_enabled") boolean codeExecutionEnabled) {
    }
}
