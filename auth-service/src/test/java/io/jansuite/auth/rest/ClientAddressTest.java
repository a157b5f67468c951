package io.jansuite.auth.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final Predicate<String> TRUSTED = a -> a.startsWith("127.") || a.startsWith("10.0.");

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertEquals("203.0.113.5", ClientAddress.resolve("203.0.113.5", List.of("198.51.100.1"), TRUSTED));
    }

    @Test
    void aTrustedPeerWithoutForwardedForIsTheClient() {
        assertEquals("127.0.0.1", ClientAddress.resolve("127.0.0.1", List.of(), TRUSTED));
    }

    @Test
    void theChainIsReadFromTheRightSkippingTrustedProxies() {
        assertEquals("198.51.100.1", ClientAddress.resolve("127.0.0.1", List.of("198.51.100.1"), TRUSTED));
        assertEquals("198.51.100.1", ClientAddress.resolve("127.0.0.1", List.of("6.6.6.6, 198.51.100.1, 10.0.0.7"), TRUSTED));
        assertEquals("198.51.100.1", ClientAddress.resolve("127.0.0.1", List.of("6.6.6.6", "198.51.100.1,10.0.0.7"), TRUSTED));
        assertEquals("garbage", ClientAddress.resolve("127.0.0.1", List.of("6.6.6.6, garbage"), TRUSTED));
    }

    @Test
    void aChainOfTrustedProxiesEndsAtItsFirstEntry() {
        assertEquals("10.0.0.1", ClientAddress.resolve("127.0.0.1", List.of("10.0.0.1, 10.0.0.2"), TRUSTED));
    }

    @Test
    void anOverlongChainIsNotReadPastItsLimit() {
        String chain = "6.6.6.6, " + "10.0.0.9, ".repeat(ClientAddress.MAX_HOPS + 4) + "10.0.0.1";
        assertEquals("10.0.0.9", ClientAddress.resolve("127.0.0.1", List.of(chain), TRUSTED));
    }
}
