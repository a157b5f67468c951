package io.jansuite.inference.repository;

import io.jansuite.inference.UsageRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class UsageRepository implements PanacheRepositoryBase<UsageRecord, String> {

    private static final String INSERT = "INSERT INTO inference.usage (id, created_at, user_id, api_key_id, model,"
            + " provider_id, provider_model_id, upstream_model, prompt_tokens, completion_tokens, latency_ms, status,"
            + " stream, error_code, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
            + " ON CONFLICT (id) DO NOTHING";

    @Inject
    Pool pool;

    /**
     * Many rows in one round trip. Written with the SQL client rather than a session: it runs from a timer,
     * outside any request, and a batch is one statement. Ids already written are skipped, so a spilled batch
     * can be replayed safely.
     */
    public Uni<Void> insert(List<UsageRecord> rows) {
        List<Tuple> tuples = rows.stream().map(r -> Tuple.tuple(List.of()).addString(r.id)
                .addOffsetDateTime(r.createdAt.atOffset(ZoneOffset.UTC)).addString(r.userId).addString(r.apiKeyId)
                .addString(r.model).addString(r.providerId).addString(r.providerModelId).addString(r.upstreamModel)
                .addInteger(r.promptTokens).addInteger(r.completionTokens).addLong(r.latencyMs)
                .addInteger(r.status).addBoolean(r.stream).addString(r.errorCode).addString(r.requestId)).toList();
        return pool.preparedQuery(INSERT).executeBatch(tuples).replaceWithVoid();
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
