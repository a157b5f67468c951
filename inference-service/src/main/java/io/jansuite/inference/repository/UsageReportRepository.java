package io.jansuite.inference.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Usage reports, read from the per-day rollup ({@code usage_daily}), never from the usage rows. */
@ApplicationScoped
public class UsageReportRepository {

    /** The rollup's column each grouping reads; {@code null}: one total. */
    private static final Map<String, String> GROUPS = Map.of("day", "day::text", "model", "model", "key", "api_key_id",
            "user", "user_id");

    /** Which rows: days {@code from..to} (inclusive), and when given, one user, key and model. */
    public record Filter(LocalDate from, LocalDate to, String userId, String keyId, String model) {
    }

    /** One group's sums ({@code group} null for the total). */
    public record Sums(String group, long requests, long failedRequests, long inputTokens, long outputTokens,
            long costNanoUsd) {
    }

    @Inject
    Pool pool;

    /** Sums per group (by {@code groupBy}: day, model, key, user; null for one total), ordered by group. */
    public Uni<List<Sums>> sums(Filter filter, String groupBy) {
        String group = groupBy == null ? "NULL::text" : GROUPS.get(groupBy);
        if (group == null) {
            throw new IllegalArgumentException(groupBy);
        }
        String sql = "SELECT " + group + " AS g, coalesce(sum(requests), 0)::bigint AS requests,"
                + " coalesce(sum(failed_requests), 0)::bigint AS failed, coalesce(sum(input_tokens), 0)::bigint AS input,"
                + " coalesce(sum(output_tokens), 0)::bigint AS output, coalesce(sum(cost_nano_usd), 0)::bigint AS cost"
                + " FROM inference.usage_daily WHERE day >= $1 AND day <= $2"
                + " AND ($3::text IS NULL OR user_id = $3) AND ($4::text IS NULL OR api_key_id = $4)"
                + " AND ($5::text IS NULL OR model = $5)"
                + (groupBy == null ? "" : " GROUP BY 1 ORDER BY 1");
        return pool.preparedQuery(sql).execute(Tuple.from(new Object[] { filter.from(), filter.to(), filter.userId(),
                filter.keyId(), filter.model() })).map(rows -> {
                    List<Sums> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Sums(r.getString("g"), r.getLong("requests"), r.getLong("failed"),
                                r.getLong("input"), r.getLong("output"), r.getLong("cost")));
                    }
                    return out;
                });
    }
}
