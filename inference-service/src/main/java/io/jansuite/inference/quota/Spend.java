package io.jansuite.inference.quota;

import io.jansuite.inference.provider.Target;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Money as the quotas count it: whole nano-dollars (10^-9 USD), so a price of up to six decimals per million
 * tokens costs a whole number per token and sums stay exact (Redis and Lua count in integers).
 */
public final class Spend {

    private static final BigDecimal NANO_PER_USD = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000L);

    private Spend() {
    }

    /** What a call cost at a target's prices (unpriced: 0). */
    public static long nanoUsd(Target target, long inputTokens, long outputTokens) {
        if (target == null) {
            return 0;
        }
        return nanoUsd(target.inputPricePerMillionUsd(), target.outputPricePerMillionUsd(), inputTokens, outputTokens);
    }

    public static long nanoUsd(BigDecimal inputPerMillion, BigDecimal outputPerMillion, long inputTokens,
            long outputTokens) {
        if (inputPerMillion == null && outputPerMillion == null) {
            return 0; // not priced: the common case, and on the hot path
        }
        BigDecimal usd = BigDecimal.ZERO;
        if (inputPerMillion != null) {
            usd = usd.add(inputPerMillion.multiply(BigDecimal.valueOf(inputTokens)));
        }
        if (outputPerMillion != null) {
            usd = usd.add(outputPerMillion.multiply(BigDecimal.valueOf(outputTokens)));
        }
        return usd.multiply(NANO_PER_USD).divide(MILLION, 0, RoundingMode.CEILING).longValueExact();
    }

    /** The most a call could cost on any of these targets: the highest input and output prices among them. */
    public static long worstNanoUsd(List<Target> targets, long inputTokens, long outputTokens) {
        BigDecimal in = null;
        BigDecimal out = null;
        for (Target t : targets) {
            in = max(in, t.inputPricePerMillionUsd());
            out = max(out, t.outputPricePerMillionUsd());
        }
        return nanoUsd(in, out, inputTokens, outputTokens);
    }

    public static long nanoUsd(BigDecimal usd) {
        return usd.multiply(NANO_PER_USD).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    public static BigDecimal usd(long nanoUsd) {
        BigDecimal usd = BigDecimal.valueOf(nanoUsd).divide(NANO_PER_USD);
        return usd.signum() == 0 ? BigDecimal.ZERO : usd.stripTrailingZeros();
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.max(b);
    }
}
