package io.jansuite.auth.repository;

import io.jansuite.auth.ApiKey;
import io.jansuite.common.api.Page;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, String> {

    public Uni<List<ApiKey>> listForUser(String userId, Page page) {
        return find("userId", Sort.descending("createdAt").and("id", Sort.Direction.Descending), userId)
                .range(page.offset(), page.offset() + page.limit() - 1).list();
    }

    public Uni<Long> countForUser(String userId) {
        return count("userId", userId);
    }

    /** The key when it belongs to this user, else null. */
    public Uni<ApiKey> findOwned(String id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResult();
    }

    public Uni<List<ApiKey>> activeOf(String userId) {
        return find("userId = ?1 and active = true", userId).list();
    }

    public Uni<ApiKey> findByHash(String keyHash) {
        return find("keyHash", keyHash).firstResult();
    }
}
