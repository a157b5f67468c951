package io.jansuite.inference.service;

import io.jansuite.common.error.ApiException;
import io.jansuite.inference.quota.Spend;
import io.jansuite.inference.repository.UsageReportRepository;
import io.jansuite.inference.repository.UsageReportRepository.Filter;
import io.jansuite.inference.repository.UsageReportRepository.Sums;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/usage/me} and the admin's {@code GET /v1/admin/usage}: requests, tokens and spend over UTC days
 * {@code from..to} (default: this month so far), in total and grouped by day, model, key (or, for admins, user).
 * Read from the per-day rollup the usage writer keeps, so the numbers lag the calls by one flush (about 200 ms).
 */
@ApplicationScoped
public class UsageReports {

    public static final Set<String> OWN_GROUPS = Set.of("day", "model", "key");
    public static final Set<String> ADMIN_GROUPS = Set.of("day", "model", "key", "user");
    private static final long MAX_DAYS = 366;

    @Inject
    UsageReportRepository repository;

    public record Report(LocalDate from, LocalDate to, String groupBy, Map<String, Object> filters,
            Map<String, Object> totals, List<Map<String, Object>> groups) {
    }

    public Uni<Report> report(String from, String to, String groupBy, Set<String> groups, String userId, String keyId,
            String model) {
        LocalDate end = date(to, "to", LocalDate.now(ZoneOffset.UTC));
        LocalDate start = date(from, "from", end.withDayOfMonth(1));
        if (start.isAfter(end)) {
            throw ApiException.badRequest("invalid_value", "from must not be after to.", "from");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ApiException.badRequest("invalid_value", "A report covers at most " + MAX_DAYS + " days.", "from");
        }
        String group = groupBy == null || groupBy.isBlank() ? null : groupBy.trim();
        if (group != null && !groups.contains(group)) {
            throw ApiException.badRequest("invalid_value", "group_by must be one of " + String.join(", ",
                    groups.stream().sorted().toList()) + ".", "group_by");
        }
        Filter filter = new Filter(start, end, blank(userId), blank(keyId), blank(model));
        Uni<List<Sums>> total = repository.sums(filter, null);
        Uni<List<Sums>> grouped = group == null ? Uni.createFrom().item(List.of()) : repository.sums(filter, group);
        return Uni.combine().all().unis(total, grouped).with((t, g) -> {
            Map<String, Object> filters = new LinkedHashMap<>();
            filters.put("user_id", filter.userId());
            filters.put("key_id", filter.keyId());
            filters.put("model", filter.model());
            return new Report(start, end, group, filters, sums(t.isEmpty() ? null : t.get(0)),
                    g.stream().map(s -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put(group.equals("key") ? "key_id" : group.equals("user") ? "user_id" : group,
                                s.group() == null || s.group().isEmpty() ? null : s.group());
                        row.putAll(sums(s));
                        return row;
                    }).toList());
        });
    }

    private static Map<String, Object> sums(Sums s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", s == null ? 0 : s.requests());
        out.put("failed_requests", s == null ? 0 : s.failedRequests());
        out.put("input_tokens", s == null ? 0 : s.inputTokens());
        out.put("output_tokens", s == null ? 0 : s.outputTokens());
        BigDecimal usd = Spend.usd(s == null ? 0 : s.costNanoUsd());
        out.put("spend_usd", usd);
        return out;
    }

    private static LocalDate date(String value, String param, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_value", param + " must be an ISO date (YYYY-MM-DD).", param);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
