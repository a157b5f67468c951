package io.jansuite.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Defaults for upstream calls, failover, the simulator and usage batching ({@code app.completions.*}). */
@ConfigMapping(prefix = "app.completions")
public interface InferenceConfig {

    Duration connectTimeout();

    /** The context window assumed for a model the catalog gives none (history is cut to fit it). */
    @WithDefault("8192")
    int defaultContextWindow();

    /** How long one long-poll of the catalog's version waits for a change. */
    @WithDefault("5s")
    Duration catalogVersionWait();

    /** Wait for a stream's response head. */
    Duration firstByteTimeout();

    /** Wait for a whole (non-streamed) answer, which arrives only once generated. */
    Duration wholeAnswerTimeout();

    Duration idleTimeout();

    Retry retry();

    Breaker breaker();

    Simulator simulator();

    Usage usage();

    interface Retry {
        /** Attempts on one target before failing over to the next. */
        int attempts();

        Duration backoff();
    }

    interface Breaker {
        /** Consecutive failures that open a provider's circuit. */
        int failures();

        Duration openFor();
    }

    interface Simulator {
        Duration ttft();

        Duration tpot();
    }

    interface Usage {
        Duration flushEvery();

        int batchSize();

        /** Where batches the database refused wait until it is back (a volume that survives a restart). */
        String spillDir();
    }
}
