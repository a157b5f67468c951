package io.jansuite.admin.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the quota and usage admin API, stored and served by the inference-service (its internal routes
 * take and answer the same JSON); validated here at the public routes and again there.
 */
public final class AdminQuotas {

    private AdminQuotas() {
    }

    @Schema(description = "Limits; null: none (a role's defaults) or the role's default (a user's override). 0 allows nothing")
    public record Limits(
            @Min(0) @Max(1_000_000_000) Long requestsPerMinute,
            @Min(0) @Max(1_000_000_000_000L) Long tokensPerMinute,
            @Schema(description = "USD per UTC day") @DecimalMin("0.0") @DecimalMax("1000000000.0")
            @Digits(integer = 10, fraction = 6) BigDecimal dailyBudgetUsd,
            @Schema(description = "USD per calendar month (UTC)") @DecimalMin("0.0") @DecimalMax("1000000000.0")
            @Digits(integer = 10, fraction = 6) BigDecimal monthlyBudgetUsd) {
    }

    /** Every field of {@code limits} is set (a missing one is unset); {@code reason} goes to the audit log. */
    public record Settings(@Valid @NotNull Limits limits, @Size(max = 1000) String reason) {
    }

    @Schema(description = "subject_type role (defaults of guest, user, admin), user or key")
    public record QuotaView(String subjectType, String subjectId, Limits limits, Instant updatedAt) {
    }

    public record Change(QuotaView before, QuotaView after) {
    }

    @Schema(description = "Requests (failed ones too), input and output tokens and spend over UTC days from..to")
    public record UsageReport(LocalDate from, LocalDate to,
            @Schema(nullable = true, enumeration = { "day", "model", "key", "user" }) String groupBy,
            @Schema(description = "user_id, key_id, model: what the report was limited to") Map<String, Object> filters,
            @Schema(description = "requests, failed_requests, input_tokens, output_tokens, spend_usd") Map<String, Object> totals,
            @Schema(description = "The same sums per day, model, key_id or user_id") List<Map<String, Object>> groups) {
    }
}
