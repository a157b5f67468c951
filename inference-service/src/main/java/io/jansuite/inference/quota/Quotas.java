package io.jansuite.inference.quota;

import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.provider.Target;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quota and budget gate of every model call (chat completions, each model call of a response, embeddings,
 * messages): before the call, its worst case (one request; input estimate plus the most output it may produce;
 * that many tokens at the highest prices of the model's provider models) is reserved against the caller's
 * user limits and key limits, all or nothing ({@link QuotaLedger}); a refusal is {@code 429 quota_exceeded} or
 * {@code budget_exceeded}. A call no limit applies to reserves nothing and costs nothing here.
 */
@ApplicationScoped
public class Quotas {

    private static final String PREFIX = "jansuite:quota:";
    private static final Uni<Reservation> NONE = Uni.createFrom().item(Reservation.NONE);

    @Inject
    QuotaPolicies policies;

    @Inject
    QuotaLedger ledger;

    public Quotas() {
    }

    /** The gate of another replica (for tests): the same limits, its own ledger (its own Redis client). */
    public Quotas(QuotaPolicies policies, QuotaLedger ledger) {
        this.policies = policies;
        this.ledger = ledger;
    }

    private record Slot(String key, Reservation.Kind kind, String label, long limit, long amount, long windowEndMs) {
    }

    /** Reserves the call's worst case, or fails with the 429 (with Retry-After and X-RateLimit-* headers). */
    public Uni<Reservation> reserve(Caller caller, List<Target> targets, long inputTokens, long maxOutputTokens) {
        if (caller == null || caller.userId() == null) {
            return NONE;
        }
        QuotaLimits user = policies.forUser(caller);
        QuotaLimits key = policies.forKey(caller);
        if ((user == null || user.isEmpty()) && (key == null || key.isEmpty())) {
            return NONE;
        }
        long tokens = Math.max(0, inputTokens) + Math.max(0, maxOutputTokens);
        long nanoUsd = Spend.worstNanoUsd(targets, Math.max(0, inputTokens), Math.max(0, maxOutputTokens));
        long now = System.currentTimeMillis();
        // one hash tag per user: every counter of a call sits in one Redis Cluster slot
        String base = PREFIX + "{" + caller.userId() + "}:";
        List<Slot> slots = new ArrayList<>();
        add(slots, base + "u:", "user", user, tokens, nanoUsd, now);
        add(slots, base + "k:" + caller.apiKeyId() + ":", "API key", key, tokens, nanoUsd, now);
        List<QuotaLedger.Counter> counters = slots.stream()
                .map(s -> new QuotaLedger.Counter(s.key(), s.limit(), s.amount(), s.windowEndMs())).toList();
        int[] kinds = slots.stream().mapToInt(s -> s.kind().ordinal()).toArray();
        return ledger.reserve(counters).map(outcome -> {
            Map<String, List<String>> headers = headers(slots, outcome.used(), outcome.allowed(), now);
            if (!outcome.allowed()) {
                throw refusal(slots.get(outcome.refused()), headers, now);
            }
            return new Reservation(ledger, counters, kinds, tokens, nanoUsd, outcome.shared(), headers);
        });
    }

    private static void add(List<Slot> slots, String base, String who, QuotaLimits limits, long tokens, long nanoUsd,
            long now) {
        if (limits == null) {
            return;
        }
        long minute = now / 60_000;
        long minuteEnd = (minute + 1) * 60_000;
        if (limits.requestsPerMinute() != null) {
            slots.add(new Slot(base + "rpm:" + minute, Reservation.Kind.REQUESTS, who, limits.requestsPerMinute(), 1,
                    minuteEnd));
        }
        if (limits.tokensPerMinute() != null) {
            slots.add(new Slot(base + "tpm:" + minute, Reservation.Kind.TOKENS, who, limits.tokensPerMinute(), tokens,
                    minuteEnd));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (limits.dailyBudgetUsd() != null) {
            slots.add(new Slot(base + "spend:d:" + today, Reservation.Kind.SPEND, who + " daily",
                    Spend.nanoUsd(limits.dailyBudgetUsd()), nanoUsd, millis(today.plusDays(1))));
        }
        if (limits.monthlyBudgetUsd() != null) {
            LocalDate month = today.withDayOfMonth(1);
            slots.add(new Slot(base + "spend:m:" + month.toString().substring(0, 7), Reservation.Kind.SPEND,
                    who + " monthly", Spend.nanoUsd(limits.monthlyBudgetUsd()), nanoUsd, millis(month.plusMonths(1))));
        }
    }

    private static long millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Per kind, the limit with the least left: its limit, what is left, and when its window ends. */
    private static Map<String, List<String>> headers(List<Slot> slots, long[] used, boolean allowed, long now) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Reservation.Kind kind : Reservation.Kind.values()) {
            int tightest = -1;
            long least = Long.MAX_VALUE;
            for (int i = 0; i < slots.size(); i++) {
                if (slots.get(i).kind() == kind && slots.get(i).limit() - used[i] < least) {
                    least = slots.get(i).limit() - used[i];
                    tightest = i;
                }
            }
            if (tightest < 0) {
                continue;
            }
            Slot s = slots.get(tightest);
            String suffix = switch (kind) {
                case REQUESTS -> "Requests";
                case TOKENS -> "Tokens";
                case SPEND -> "Budget";
            };
            long left = Math.max(0, least);
            out.put("X-RateLimit-Limit-" + suffix, List.of(kind == Reservation.Kind.SPEND
                    ? Spend.usd(s.limit()).toPlainString() : String.valueOf(s.limit())));
            out.put("X-RateLimit-Remaining-" + suffix, List.of(kind == Reservation.Kind.SPEND
                    ? Spend.usd(left).toPlainString() : String.valueOf(left)));
            out.put("X-RateLimit-Reset-" + suffix, List.of(String.valueOf(seconds(s.windowEndMs() - now))));
        }
        return out;
    }

    private static ApiException refusal(Slot s, Map<String, List<String>> headers, long now) {
        Map<String, String> flat = new LinkedHashMap<>();
        headers.forEach((k, v) -> flat.put(k, v.get(0)));
        long retry = seconds(s.windowEndMs() - now);
        flat.put("Retry-After", String.valueOf(retry));
        String message = switch (s.kind()) {
            case REQUESTS -> "The " + s.label() + " quota of " + s.limit() + " requests per minute is reached";
            case TOKENS -> "The " + s.label() + " quota of " + s.limit() + " tokens per minute does not allow this"
                    + " request (" + "its input and max_tokens count)";
            case SPEND -> "The " + s.label() + " budget of " + Spend.usd(s.limit()).toPlainString()
                    + " USD does not allow this request";
        };
        String code = s.kind() == Reservation.Kind.SPEND ? "budget_exceeded" : "quota_exceeded";
        return new ApiException(429, code, message + "; retry after " + retry + " s.", null, null, flat);
    }

    private static long seconds(long ms) {
        return Math.max(1, (ms + 999) / 1000);
    }
}
