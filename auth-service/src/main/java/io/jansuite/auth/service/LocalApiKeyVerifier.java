package io.jansuite.auth.service;

import io.jansuite.common.auth.ApiKeyFormat;
import io.jansuite.common.auth.ApiKeyVerifier;
import io.jansuite.common.auth.VerifiedKey;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.jansuite.auth.CommaSeparated;
import io.jansuite.auth.LineSeparated;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * The auth-service verifies API keys in its own database (one indexed lookup by hash, no cache, so a revoked
 * key stops at once), replacing common's remote verifier here. Also answers {@code /internal/api-keys/verify}.
 * Database trouble is a 503, never a 401.
 */
@ApplicationScoped
public class LocalApiKeyVerifier implements ApiKeyVerifier {

    private static final String QUERY = "SELECT k.id, k.user_id, k.scopes, k.models, k.expires_at, u.roles, u.is_guest "
            + "FROM auth.api_keys k JOIN auth.users u ON u.id = k.user_id WHERE k.key_hash = $1 AND k.is_active";

    @Inject
    Pool pool;

    @Inject
    KeyUsageRecorder usage;

    @Override
    public Uni<VerifiedKey> verify(String rawKey) {
        if (!ApiKeyFormat.isWellFormed(rawKey)) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery(QUERY).execute(Tuple.of(ApiKeyFormat.hash(rawKey)))
                .onFailure().transform(e -> ApiException.unavailable("service_unavailable",
                        "Credentials cannot be checked right now; try again shortly."))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    OffsetDateTime expires = row.getOffsetDateTime("expires_at");
                    Instant expiresAt = expires == null ? null : expires.toInstant();
                    if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
                        return null;
                    }
                    String keyId = row.getString("id");
                    usage.used(keyId);
                    return new VerifiedKey(keyId, row.getString("user_id"), strings(row.getString("scopes")),
                            strings(row.getString("roles")), row.getBoolean("is_guest"), expiresAt,
                            models(row.getString("models")));
                });
    }

    /** Null (every model) stays null. */
    private static Set<String> models(String column) {
        List<String> models = LineSeparated.split(column);
        return models == null ? null : Set.copyOf(models);
    }

    private static Set<String> strings(String column) {
        return Set.copyOf(CommaSeparated.split(column));
    }

    @Override
    public void evict(String keyId) {
        // nothing cached here
    }
}
