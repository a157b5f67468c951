package io.jansuite.auth.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at the database's precision, so what is returned equals what is read back later. */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
