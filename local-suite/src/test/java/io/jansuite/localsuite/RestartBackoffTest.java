package io.jansuite.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    @Test
    void doublesFromOneSecondUpToThirtyWhileTheServiceKeepsDying() {
        RestartBackoff backoff = new RestartBackoff();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            delays.add(backoff.after(Duration.ofSeconds(2)).toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L), delays);
    }

    @Test
    void startsAgainFromOneSecondOnceTheServiceHasRunAMinute() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.after(Duration.ZERO);
        backoff.after(Duration.ZERO);
        assertEquals(Duration.ofSeconds(4), backoff.after(Duration.ofSeconds(59)));
        assertEquals(Duration.ofSeconds(1), backoff.after(Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(2), backoff.after(Duration.ofSeconds(1)));
    }
}
