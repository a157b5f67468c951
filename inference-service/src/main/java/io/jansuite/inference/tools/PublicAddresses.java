package io.jansuite.inference.tools;

import io.jansuite.common.net.IpNetwork;
import java.net.InetAddress;
import java.util.List;

/**
 * Which addresses {@code web_fetch} may connect to: public unicast ones only, unless an operator allowed a
 * network. Refused: unspecified, loopback, private (RFC 1918), shared (100.64/10), link-local, multicast,
 * documentation, benchmarking and reserved IPv4 ranges; IPv6 loopback, unique-local (fc00::/7), link- and
 * site-local, multicast, documentation, and every form that embeds an IPv4 address (mapped, compatible,
 * NAT64, 6to4, Teredo) unless the embedded address is itself allowed.
 */
public final class PublicAddresses {

    private static final List<IpNetwork> NON_PUBLIC = IpNetwork.parse(List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/127", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"));

    private final List<IpNetwork> allowed;

    public PublicAddresses(List<String> allowedNetworks) {
        this.allowed = IpNetwork.parse(allowedNetworks);
    }

    /** Null when the address may be fetched; otherwise why not. */
    public String refusal(InetAddress address) {
        byte[] raw = address.getAddress();
        if (allowedByOperator(raw)) {
            return null;
        }
        byte[] embedded = embeddedIpv4(raw);
        if (embedded != null) {
            return allowedByOperator(embedded) || publicIpv4(embedded) ? null
                    : address.getHostAddress() + " embeds a non-public IPv4 address";
        }
        for (IpNetwork n : NON_PUBLIC) {
            if (n.contains(raw)) {
                return address.getHostAddress() + " is not a public address";
            }
        }
        return null;
    }

    private boolean allowedByOperator(byte[] raw) {
        return allowed.stream().anyMatch(n -> n.contains(raw));
    }

    private static boolean publicIpv4(byte[] v4) {
        return NON_PUBLIC.stream().noneMatch(n -> n.contains(v4));
    }

    /** The IPv4 address inside an IPv6 one that carries one (mapped, compatible, NAT64, 6to4, Teredo), or null. */
    static byte[] embeddedIpv4(byte[] raw) {
        if (raw.length != 16) {
            return null;
        }
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            zero80 &= raw[i] == 0;
        }
        if (zero80 && (raw[10] == (byte) 0xff && raw[11] == (byte) 0xff || raw[10] == 0 && raw[11] == 0
                && !(raw[12] == 0 && raw[13] == 0 && raw[14] == 0 && (raw[15] == 0 || raw[15] == 1)))) {
            return slice(raw, 12); // ::ffff:a.b.c.d and ::a.b.c.d
        }
        if (raw[0] == 0 && raw[1] == 0x64 && raw[2] == (byte) 0xff && raw[3] == (byte) 0x9b) {
            return slice(raw, 12); // 64:ff9b::/96 (NAT64) and 64:ff9b:1::/48
        }
        if (raw[0] == 0x20 && raw[1] == 0x02) {
            return slice(raw, 2); // 2002::/16 (6to4)
        }
        if (raw[0] == 0x20 && raw[1] == 0x01 && raw[2] == 0 && raw[3] == 0) {
            byte[] v4 = slice(raw, 12); // 2001::/32 (Teredo): the client's address, inverted
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) ~v4[i];
            }
            return v4;
        }
        return null;
    }

    private static byte[] slice(byte[] raw, int from) {
        byte[] out = new byte[4];
        System.arraycopy(raw, from, out, 0, 4);
        return out;
    }
}
