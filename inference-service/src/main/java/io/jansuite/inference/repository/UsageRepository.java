package io.jansuite.inference.repository;

import io.jansuite.inference.UsageRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@ApplicationScoped
public class UsageRepository implements PanacheRepositoryBase<UsageRecord, String> {

    private static final String INSERT = "INSERT INTO inference.usage (id, created_at, user_id, api_key_id, model,"
            + " provider_id, provider_model_id, upstream_model, prompt_tokens, completion_tokens, latency_ms, status,"
            + " stream, error_code, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
            + " ON CONFLICT (id) DO NOTHING RETURNING model";
    private static final String ADD_TO_TOTALS = "INSERT INTO inference.usage_totals (model, completions)"
            + " SELECT * FROM unnest($1::text[], $2::bigint[])"
            + " ON CONFLICT (model) DO UPDATE SET completions = usage_totals.completions + excluded.completions";

    @Inject
    Pool pool;

    /**
     * Many rows in one round trip, and the per-model totals they add to, in one transaction. Written with the
     * SQL client rather than a session: it runs from a timer, outside any request, and a batch is one statement.
     * Ids already written are skipped (and not added to the totals again), so a spilled batch can be replayed safely.
     */
    public Uni<Void> insert(List<UsageRecord> rows) {
        List<Tuple> tuples = rows.stream().map(r -> Tuple.tuple(List.of()).addString(r.id)
                .addOffsetDateTime(r.createdAt.atOffset(ZoneOffset.UTC)).addString(r.userId).addString(r.apiKeyId)
                .addString(r.model).addString(r.providerId).addString(r.providerModelId).addString(r.upstreamModel)
                .addInteger(r.promptTokens).addInteger(r.completionTokens).addLong(r.latencyMs)
                .addInteger(r.status).addBoolean(r.stream).addString(r.errorCode).addString(r.requestId)).toList();
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(tuples).chain(inserted -> {
            // only the rows written now count: a replayed row that was already there adds nothing
            Map<String, Long> perModel = new TreeMap<>(); // sorted: concurrent writers lock the totals in one order
            for (RowSet<Row> result = inserted; result != null; result = result.next()) {
                result.forEach(row -> perModel.merge(row.getString("model"), 1L, Long::sum));
            }
            if (perModel.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Tuple totals = Tuple.of(perModel.keySet().toArray(String[]::new), perModel.values().toArray(Long[]::new));
            return connection.preparedQuery(ADD_TO_TOTALS).execute(totals).replaceWithVoid();
        })).replaceWithVoid();
    }

    /** Completions per model, all time (the totals table, not a count of the usage rows). */
    public Uni<Map<String, Long>> totals() {
        return pool.query("SELECT model, completions FROM inference.usage_totals").execute().map(rows -> {
            Map<String, Long> out = new LinkedHashMap<>();
            rows.forEach(row -> out.put(row.getString("model"), row.getLong("completions")));
            return out;
        });
    }
}
