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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@ApplicationScoped
public class UsageRepository implements PanacheRepositoryBase<UsageRecord, String> {

    private static final String INSERT = "INSERT INTO inference.usage (id, created_at, user_id, api_key_id, model,"
            + " provider_id, provider_model_id, upstream_model, prompt_tokens, completion_tokens, latency_ms, status,"
            + " stream, error_code, request_id, cost_nano_usd) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
            + " $13, $14, $15, $16) ON CONFLICT (id) DO NOTHING"
            + " RETURNING model, user_id, api_key_id, created_at, prompt_tokens, completion_tokens, status, cost_nano_usd";
    private static final String ADD_TO_TOTALS = "INSERT INTO inference.usage_totals (model, completions)"
            + " SELECT * FROM unnest($1::text[], $2::bigint[])"
            + " ON CONFLICT (model) DO UPDATE SET completions = usage_totals.completions + excluded.completions";
    private static final String ADD_TO_DAILY = "INSERT INTO inference.usage_daily (day, user_id, api_key_id, model,"
            + " requests, failed_requests, input_tokens, output_tokens, cost_nano_usd)"
            + " SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],"
            + " $7::bigint[], $8::bigint[], $9::bigint[])"
            + " ON CONFLICT (day, user_id, api_key_id, model) DO UPDATE SET requests = usage_daily.requests + excluded.requests,"
            + " failed_requests = usage_daily.failed_requests + excluded.failed_requests,"
            + " input_tokens = usage_daily.input_tokens + excluded.input_tokens,"
            + " output_tokens = usage_daily.output_tokens + excluded.output_tokens,"
            + " cost_nano_usd = usage_daily.cost_nano_usd + excluded.cost_nano_usd";

    @Inject
    Pool pool;

    /**
     * Many rows in one round trip, and the per-model totals and per-day rollups they add to, in one transaction. Written with the
     * SQL client rather than a session: it runs from a timer, outside any request, and a batch is one statement.
     * Ids already written are skipped (and not added to the totals again), so a spilled batch can be replayed safely.
     */
    public Uni<Void> insert(List<UsageRecord> rows) {
        List<Tuple> tuples = rows.stream().map(r -> Tuple.tuple(List.of()).addString(r.id)
                .addOffsetDateTime(r.createdAt.atOffset(ZoneOffset.UTC)).addString(r.userId).addString(r.apiKeyId)
                .addString(r.model).addString(r.providerId).addString(r.providerModelId).addString(r.upstreamModel)
                .addInteger(r.promptTokens).addInteger(r.completionTokens).addLong(r.latencyMs)
                .addInteger(r.status).addBoolean(r.stream).addString(r.errorCode).addString(r.requestId)
                .addLong(r.costNanoUsd)).toList();
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(tuples).chain(inserted -> {
            // only the rows written now count: a replayed row that was already there adds nothing
            Map<String, Long> perModel = new TreeMap<>(); // sorted: concurrent writers lock the totals in one order
            Map<List<Object>, long[]> perDay = new TreeMap<>(UsageRepository::compareDayKeys);
            for (RowSet<Row> result = inserted; result != null; result = result.next()) {
                result.forEach(row -> {
                    perModel.merge(row.getString("model"), 1L, Long::sum);
                    List<Object> key = List.of(row.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC)
                            .toLocalDate(), nonNull(row.getString("user_id")), nonNull(row.getString("api_key_id")),
                            row.getString("model"));
                    long[] sums = perDay.computeIfAbsent(key, k -> new long[5]);
                    sums[0]++;
                    sums[1] += row.getInteger("status") >= 400 ? 1 : 0;
                    sums[2] += row.getInteger("prompt_tokens");
                    sums[3] += row.getInteger("completion_tokens");
                    sums[4] += row.getLong("cost_nano_usd");
                });
            }
            if (perModel.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Tuple totals = Tuple.of(perModel.keySet().toArray(String[]::new), perModel.values().toArray(Long[]::new));
            return connection.preparedQuery(ADD_TO_TOTALS).execute(totals)
                    .chain(() -> connection.preparedQuery(ADD_TO_DAILY).execute(daily(perDay))).replaceWithVoid();
        })).replaceWithVoid();
    }

    private static Tuple daily(Map<List<Object>, long[]> perDay) {
        int n = perDay.size();
        LocalDate[] days = new LocalDate[n];
        String[] users = new String[n];
        String[] keys = new String[n];
        String[] models = new String[n];
        Long[][] sums = new Long[5][n];
        int i = 0;
        for (Map.Entry<List<Object>, long[]> e : perDay.entrySet()) {
            days[i] = (LocalDate) e.getKey().get(0);
            users[i] = (String) e.getKey().get(1);
            keys[i] = (String) e.getKey().get(2);
            models[i] = (String) e.getKey().get(3);
            for (int k = 0; k < 5; k++) {
                sums[k][i] = e.getValue()[k];
            }
            i++;
        }
        return Tuple.tuple(List.of(days, users, keys, models, sums[0], sums[1], sums[2], sums[3], sums[4]));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static int compareDayKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
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
