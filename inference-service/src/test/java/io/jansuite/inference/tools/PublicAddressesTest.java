package io.jansuite.inference.tools;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** web_fetch's address rule on literal addresses (none is looked up or connected to). */
class PublicAddressesTest {

    private final PublicAddresses strict = new PublicAddresses(List.of());
    private final PublicAddresses intranet = new PublicAddresses(List.of("10.1.0.0/16", "fd12:3456::/32"));

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "10.255.255.255", "100.64.0.1", "127.0.0.1", "127.1.2.3",
        "169.254.169.254", "172.16.0.1", "172.31.255.254", "192.0.0.8", "192.0.2.1", "192.168.0.1", "198.18.0.1",
        "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        "::", "::1", "fc00::1", "fd00::1", "fe80::1", "fec0::1", "ff02::1", "2001:db8::1", "100::1",
        "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a00:1",
        "64:ff9b::7f00:1", "2002:a00:1::1", "2002:7f00:1::"})
    void nonPublicAddressesAreRefused(String address) throws Exception {
        assertNotNull(strict.refusal(raw(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "93.184.215.14", "172.32.0.1", "192.169.0.1", "100.128.0.1",
        "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertNull(strict.refusal(raw(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "::ffff:10.1.2.3", "fd12:3456::9"})
    void anOperatorsNetworksAreAllowed(String address) throws Exception {
        assertNull(intranet.refusal(raw(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.2.0.1", "127.0.0.1", "fd00::1"})
    void onlyThoseNetworks(String address) throws Exception {
        assertNotNull(intranet.refusal(raw(address)), address);
    }

    /** The address as 4 or 16 bytes as written (Java turns ::ffff:a.b.c.d into IPv4; keep the IPv6 form too). */
    private static InetAddress raw(String literal) throws Exception {
        InetAddress parsed = InetAddress.getByName(literal);
        if (literal.contains(":") && parsed.getAddress().length == 4) {
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xff;
            v6[11] = (byte) 0xff;
            System.arraycopy(parsed.getAddress(), 0, v6, 12, 4);
            return java.net.Inet6Address.getByAddress(null, v6, -1);
        }
        return parsed;
    }
}
