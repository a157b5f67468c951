package io.jansuite.inference.quota;

import java.time.Instant;

/**
 * The limits set for one subject, as the admin API shows them: {@code subject_type} {@code role} (the defaults of
 * {@code guest}, {@code user} or {@code admin}), {@code user} or {@code key}.
 */
public record QuotaView(String subjectType, String subjectId, QuotaLimits limits, Instant updatedAt) {
}
