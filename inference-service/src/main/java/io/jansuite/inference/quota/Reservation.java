package io.jansuite.inference.quota;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one model call reserved before it was sent: one request, its worst-case tokens and its worst-case spend,
 * on each counter of its user and key. Settled once, when the call's usage is known (the difference is released),
 * or released whole when no provider answered.
 */
public final class Reservation {

    /** A call no limit applies to: nothing reserved, nothing to settle, no headers. */
    public static final Reservation NONE = new Reservation(null, List.of(), new int[0], 0, 0, false,
            Map.of());

    enum Kind { REQUESTS, TOKENS, SPEND }

    private final QuotaLedger ledger;
    private final List<QuotaLedger.Counter> counters;
    private final int[] kinds;
    private final long tokens;
    private final long nanoUsd;
    private final boolean shared;
    private final Map<String, List<String>> headers;
    private final AtomicBoolean settled = new AtomicBoolean();

    Reservation(QuotaLedger ledger, List<QuotaLedger.Counter> counters, int[] kinds,
            long tokens, long nanoUsd, boolean shared, Map<String, List<String>> headers) {
        this.ledger = ledger;
        this.counters = counters;
        this.kinds = kinds;
        this.tokens = tokens;
        this.nanoUsd = nanoUsd;
        this.shared = shared;
        this.headers = headers;
    }

    /** X-RateLimit-*-Requests, -Tokens and -Budget of the tightest limit of each kind (none without limits). */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public long reservedTokens() {
        return tokens;
    }

    public long reservedNanoUsd() {
        return nanoUsd;
    }

    /** Replaces the worst case by what was used; at most once (later calls do nothing). */
    public void settle(long usedTokens, long usedNanoUsd) {
        finish(false, usedTokens, usedNanoUsd);
    }

    /** Gives back everything, the request too: no provider answered. At most once. */
    public void release() {
        finish(true, 0, 0);
    }

    private void finish(boolean release, long usedTokens, long usedNanoUsd) {
        if (ledger == null || !settled.compareAndSet(false, true)) {
            return;
        }
        long[] deltas = new long[counters.size()];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = switch (Kind.values()[kinds[i]]) {
                case REQUESTS -> release ? -1 : 0;
                case TOKENS -> usedTokens - tokens;
                case SPEND -> usedNanoUsd - nanoUsd;
            };
        }
        ledger.settle(counters, deltas, shared).subscribe().with(v -> { }, e -> { });
    }
}
