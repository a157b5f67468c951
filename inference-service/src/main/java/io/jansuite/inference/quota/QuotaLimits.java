package io.jansuite.inference.quota;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;

/**
 * Limits of a role, a user or an API key: requests and tokens per minute, spend per UTC day and calendar month
 * (USD). A null field is no limit for a role's defaults, and "as the role's default" for a user's override; a
 * key's override limits the key beside its user's limits. 0 allows nothing.
 */
public record QuotaLimits(
        @Min(0) @Max(1_000_000_000) Long requestsPerMinute,
        @Min(0) @Max(1_000_000_000_000L) Long tokensPerMinute,
        @DecimalMin("0.0") @DecimalMax("1000000000.0") @Digits(integer = 10, fraction = 6) BigDecimal dailyBudgetUsd,
        @DecimalMin("0.0") @DecimalMax("1000000000.0") @Digits(integer = 10, fraction = 6) BigDecimal monthlyBudgetUsd) {

    public static final QuotaLimits NONE = new QuotaLimits(null, null, null, null);

    /** This override's fields, else the defaults'. */
    public QuotaLimits over(QuotaLimits defaults) {
        if (defaults == null) {
            return this;
        }
        return new QuotaLimits(requestsPerMinute != null ? requestsPerMinute : defaults.requestsPerMinute,
                tokensPerMinute != null ? tokensPerMinute : defaults.tokensPerMinute,
                dailyBudgetUsd != null ? dailyBudgetUsd : defaults.dailyBudgetUsd,
                monthlyBudgetUsd != null ? monthlyBudgetUsd : defaults.monthlyBudgetUsd);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return requestsPerMinute == null && tokensPerMinute == null && dailyBudgetUsd == null && monthlyBudgetUsd == null;
    }
}
