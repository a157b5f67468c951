package io.jansuite.auth.service;

import io.jansuite.auth.ApiKey;
import io.jansuite.auth.Revocation;
import io.jansuite.auth.repository.ApiKeyRepository;
import io.jansuite.auth.repository.RevocationRepository;
import io.jansuite.auth.repository.UserRepository;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.auth.ApiKeyFormat;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.auth.RevocationList;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.http.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Creating, listing and revoking a user's API keys. Only the key's hash and display prefix are stored. */
@ApplicationScoped
public class ApiKeyService {

    public static final List<String> DEFAULT_SCOPES = List.of("read", "write");
    private static final Set<String> KNOWN_SCOPES = Set.of("read", "write", "admin");
    public static final int MAX_NAME = 100;
    public static final int MAX_DAYS = 3650;
    public static final int MAX_MODELS = 100;
    public static final int MAX_MODEL_ID = 256;

    @Inject
    ApiKeyRepository keys;

    @Inject
    UserRepository users;

    @Inject
    RevocationRepository feed;

    @Inject
    RevocationList revocations;

    /** A new key and, this once, its secret. */
    public record Created(ApiKey key, String secret) {
    }

    public Uni<Created> create(Caller caller, String rawName, Integer expiresInDays, List<String> rawScopes,
            List<String> rawModels) {
        String name = rawName == null ? "" : rawName.trim();
        if (name.isEmpty()) {
            throw ApiException.badRequest("missing_name", "name is required.", "name");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("invalid_name", "name must be at most " + MAX_NAME + " characters.", "name");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_DAYS)) {
            throw ApiException.badRequest("invalid_expires_in_days",
                    "expires_in_days must be between 1 and " + MAX_DAYS + ".", "expires_in_days");
        }
        List<String> scopes = scopes(caller, rawScopes);
        List<String> models = models(caller, rawModels);
        Instant now = Clock.now();
        ApiKey key = new ApiKey();
        String secret = ApiKeyFormat.generate();
        key.id = Ids.next("key");
        key.userId = caller.userId();
        key.name = name;
        key.keyHash = ApiKeyFormat.hash(secret);
        key.prefix = ApiKeyFormat.displayPrefix(secret);
        key.scopes = scopes;
        key.models = models;
        key.active = true;
        key.createdAt = now;
        key.expiresAt = expiresInDays == null ? null : now.plus(expiresInDays, ChronoUnit.DAYS);
        return Panache.withTransaction(() -> users.findById(caller.userId()).chain(user -> {
            if (user == null) {
                return Uni.createFrom().failure(ApiException.unauthorized("unknown_user", "This account no longer exists."));
            }
            if (scopes.contains("admin") && !user.isAdmin()) {
                return Uni.createFrom().failure(adminScopeForbidden());
            }
            return keys.persist(key).map(k -> new Created(k, secret));
        }));
    }

    private static List<String> scopes(Caller caller, List<String> requested) {
        if (requested == null) {
            return DEFAULT_SCOPES;
        }
        if (requested.isEmpty()) {
            throw ApiException.badRequest("invalid_scopes", "scopes must name at least one scope.", "scopes");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String scope : requested) {
            if (scope == null || !KNOWN_SCOPES.contains(scope)) {
                throw ApiException.badRequest("invalid_scope",
                        "scopes may contain only \"read\", \"write\" and \"admin\".", "scopes");
            }
            out.add(scope);
        }
        if (out.contains("admin") && !caller.roles().contains(Caller.ADMIN)) {
            throw adminScopeForbidden();
        }
        if (caller.apiKeyId() != null && !caller.scopes().containsAll(out)) {
            throw ApiException.forbidden("insufficient_scope", "An API key cannot create a key with more scopes than its own.");
        }
        return new ArrayList<>(out);
    }

    /**
     * The models the new key may use: null for every model. A key made with a limited key is limited to (a
     * subset of) the same models.
     */
    private static List<String> models(Caller caller, List<String> requested) {
        Set<String> inherited = caller.allowedModels() == null || caller.allowedModels().isEmpty()
                ? null : caller.allowedModels();
        if (requested == null) {
            return inherited == null ? null : List.copyOf(inherited);
        }
        if (requested.isEmpty() || requested.size() > MAX_MODELS) {
            throw ApiException.badRequest("invalid_models",
                    "models must name between 1 and " + MAX_MODELS + " model ids; leave it out for every model.", "models");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String raw : requested) {
            String model = raw == null ? "" : raw.strip();
            if (model.isEmpty() || model.length() > MAX_MODEL_ID || model.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.badRequest("invalid_models",
                        "each of models must be a model id of 1 to " + MAX_MODEL_ID + " characters.", "models");
            }
            out.add(model);
        }
        if (inherited != null && !inherited.containsAll(out)) {
            throw ApiException.forbidden("model_not_allowed",
                    "An API key cannot create a key for models it may not use itself.");
        }
        return new ArrayList<>(out);
    }

    public Uni<ListEnvelope<ApiKey>> list(Caller caller, Page page) {
        return Panache.withSession(() -> keys.listForUser(caller.userId(), page)
                .chain(list -> keys.countForUser(caller.userId()).map(total -> ListEnvelope.of(list, total, page))));
    }

    /** Revokes the caller's key: false when the caller has no such key. Revoking twice is fine. */
    public Uni<Boolean> revoke(Caller caller, String keyId) {
        return Panache.withTransaction(() -> keys.findOwned(keyId, caller.userId()).chain(this::deactivate))
                .map(key -> key != null);
    }

    /** Revokes the key with this secret, whoever owns it (whoever holds a key may kill it). */
    public Uni<Void> revokeBySecret(String secret) {
        return Panache.withTransaction(() -> keys.findByHash(ApiKeyFormat.hash(secret)).chain(this::deactivate))
                .replaceWithVoid();
    }

    /** Revokes every active key of the user, in the caller's transaction (each one in the feed). */
    public Uni<Void> revokeAllOf(String userId) {
        return keys.activeOf(userId).chain(list -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (ApiKey key : list) {
                all = all.chain(() -> deactivate(key)).replaceWithVoid();
            }
            return all;
        });
    }

    private Uni<ApiKey> deactivate(ApiKey key) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        if (!key.active) {
            return Uni.createFrom().item(key);
        }
        Instant now = Clock.now();
        key.active = false;
        key.revokedAt = now;
        return feed.append(Revocation.API_KEY, key.id, now).invoke(() -> revocations.revokeKey(key.id)).replaceWith(key);
    }

    private static ApiException adminScopeForbidden() {
        return ApiException.forbidden("admin_scope_forbidden", "Only administrators may create keys with the admin scope.");
    }
}
