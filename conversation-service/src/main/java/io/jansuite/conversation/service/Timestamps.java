package io.jansuite.conversation.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Millisecond timestamps (what PostgreSQL keeps and JSON shows), strictly increasing per record. */
final class Timestamps {

    private Timestamps() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Now, or just after {@code previous} when the clock has not moved on: an update always shows a new time. */
    static Instant after(Instant previous) {
        Instant now = now();
        return previous != null && !now.isAfter(previous) ? previous.plusMillis(1) : now;
    }
}
