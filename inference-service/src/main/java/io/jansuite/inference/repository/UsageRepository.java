package io.jansuite.inference.repository;

import io.jansuite.inference.UsageRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class UsageRepository implements PanacheRepositoryBase<UsageRecord, String> {

    @WithTransaction
    public Uni<Void> insert(List<UsageRecord> rows) {
        return persist(rows);
    }

    /** Completions per model, all time. */
    @WithSession
    public Uni<Map<String, Long>> totals() {
        return getSession().chain(s -> s.createSelectionQuery(
                "select u.model, count(u) from UsageRecord u group by u.model", Object[].class).getResultList())
                .map(rows -> {
                    Map<String, Long> out = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        out.put((String) row[0], ((Number) row[1]).longValue());
                    }
                    return out;
                });
    }
}
