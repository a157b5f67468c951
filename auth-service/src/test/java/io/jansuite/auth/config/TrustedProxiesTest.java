package io.jansuite.auth.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.common.net.IpNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final List<IpNetwork> NETWORKS =
            TrustedProxies.parse(List.of("127.0.0.0/8", "::1", "10.42.0.0/16", " 192.0.2.7 ", "fd00::/8", "172.16.0.0/12"));

    @Test
    void addressesInsideTheRangesAreTrusted() {
        for (String address : List.of("127.0.0.1", "127.255.0.9", "0:0:0:0:0:0:0:1", "::1", "10.42.200.3",
                "192.0.2.7", "fd12:3456::1", "172.31.255.255", "::ffff:10.42.0.1")) {
            assertTrue(TrustedProxies.contains(NETWORKS, address), address);
        }
    }

    @Test
    void addressesOutsideTheRangesAndNonAddressesAreNot() {
        for (String address : List.of("10.43.0.1", "192.0.2.8", "172.32.0.1", "::2", "fe80::1", "8.8.8.8",
                "localhost", "unknown", "", "1.2.3.4.5", "127.0.0.1 ", "example.com")) {
            assertFalse(TrustedProxies.contains(NETWORKS, address), address);
        }
    }

    @Test
    void badEntriesStopTheStartUp() {
        for (String entry : List.of("proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "300.1.1.1")) {
            assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of(entry)), entry);
        }
    }
}
