package io.jansuite.localsuite;

import java.time.Duration;

/**
 * How long to wait before restarting a service that exited: 1 s, then twice as long after each exit, at most
 * {@link #MAX}; back to 1 s once the service has run for {@link #STABLE} (so a crash a day later restarts at
 * once, while a service that dies at start-up does not spin).
 */
final class RestartBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofSeconds(60);

    private Duration next = FIRST;

    /** The delay before the next start, given how long the process that just exited ran. */
    synchronized Duration after(Duration ran) {
        if (ran.compareTo(STABLE) >= 0) {
            next = FIRST;
        }
        Duration delay = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return delay;
    }
}
