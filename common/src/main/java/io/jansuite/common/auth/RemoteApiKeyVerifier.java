package io.jansuite.common.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jansuite.common.error.ApiException;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks the auth-service about API keys and caches the answer, keyed by the key's hash: known keys for
 * {@code app.auth.key-cache-ttl}, unknown ones for a tenth of it. Revocations evict at once
 * ({@link RevocationPoller}), so the cache never outlives a revoked key by more than a poll interval.
 * While the auth-service cannot answer (503, unreachable: its database is down), a key it vouched for within
 * {@code app.auth.key-outage-grace} (10 minutes) keeps working; revocations heard on the feed still apply.
 */
@DefaultBean
@ApplicationScoped
public class RemoteApiKeyVerifier implements ApiKeyVerifier {

    @Inject
    @RestClient
    AuthInternalApi auth;

    @Inject
    CredentialConfig credentials;

    private Cache<String, Optional<VerifiedKey>> cache;
    /** Keys the auth-service vouched for lately, by hash: what an outage of the auth-service falls back on. */
    private Cache<String, Optional<VerifiedKey>> recentlyVerified;

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder().maximumSize(100_000).expireAfter(new Expiry<String, Optional<VerifiedKey>>() {
            @Override
            public long expireAfterCreate(String key, Optional<VerifiedKey> value, long now) {
                return (value.isPresent() ? credentials.keyCacheTtl() : credentials.keyCacheTtl().dividedBy(10)).toNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Optional<VerifiedKey> value, long now, long current) {
                return expireAfterCreate(key, value, now);
            }

            @Override
            public long expireAfterRead(String key, Optional<VerifiedKey> value, long now, long current) {
                return current;
            }
        }).build();
        recentlyVerified = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(credentials.keyOutageGrace()).build();
    }

    @Override
    public Uni<VerifiedKey> verify(String rawKey) {
        String hash = ApiKeyFormat.hash(rawKey);
        Optional<VerifiedKey> cached = cache.getIfPresent(hash);
        if (cached != null) {
            return Uni.createFrom().item(cached.orElse(null));
        }
        return auth.verify(new AuthInternalApi.KeyToVerify(rawKey))
                .map(envelope -> Optional.ofNullable(envelope.data()))
                .onFailure(ApiException.class).recoverWithUni(e -> {
                    int status = ((ApiException) e).status();
                    if (status == 401 || status == 404) {
                        return Uni.createFrom().item(Optional.empty());
                    }
                    return Uni.createFrom().failure(unavailable());
                })
                .onFailure(f -> !(f instanceof ApiException)).transform(f -> unavailable())
                .invoke(answer -> {
                    cache.put(hash, answer);
                    answer.ifPresentOrElse(k -> recentlyVerified.put(hash, answer), () -> recentlyVerified.invalidate(hash));
                })
                .map(answer -> answer.orElse(null))
                .onFailure().recoverWithUni(e -> {
                    Optional<VerifiedKey> known = recentlyVerified.getIfPresent(hash);
                    return known != null ? Uni.createFrom().item(known.orElse(null)) : Uni.createFrom().failure(e);
                });
    }

    @Override
    public void evict(String keyId) {
        cache.asMap().entrySet().removeIf(e -> e.getValue().map(k -> k.keyId().equals(keyId)).orElse(false));
        // A tombstone, not a removal: during an outage the revoked key gets a 401, not a 503
        // (only the revoked key's entries are written, so the others keep their expiry)
        recentlyVerified.asMap().entrySet().stream()
                .filter(e -> e.getValue().map(k -> k.keyId().equals(keyId)).orElse(false))
                .map(Map.Entry::getKey).toList()
                .forEach(hash -> recentlyVerified.put(hash, Optional.empty()));
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("service_unavailable", "Credentials cannot be checked right now; try again shortly.");
    }
}
