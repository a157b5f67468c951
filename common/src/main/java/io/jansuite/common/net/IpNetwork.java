package io.jansuite.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** An IP network (an address and a prefix length, as in {@code 10.0.0.0/8} or {@code fd00::/8}). */
public record IpNetwork(byte[] prefix, int bits) {

    /** Literal addresses only: a host name here would make every check wait for DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    public boolean contains(byte[] address) {
        if (address.length != prefix.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[full] & mask) == (prefix[full] & mask);
    }

    /**
     * {@code <address>[/<bits>]}, an IPv4-mapped IPv6 address kept as IPv6; blank entries are skipped. An entry that
     * is not a literal address or has a bad prefix length is an {@link IllegalArgumentException}.
     */
    public static List<IpNetwork> parse(List<String> entries) {
        List<IpNetwork> out = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] address = literal(host);
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + entry);
            }
            if (address.length == 4 && host.contains(":")) {
                address = mapped(address);
            }
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in " + entry);
                }
            }
            out.add(new IpNetwork(address, bits));
        }
        return List.copyOf(out);
    }

    /** The bytes of a literal address (an IPv4-mapped IPv6 one as IPv4), or null when it is not one. */
    public static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45 || !LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] mapped(byte[] v4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(v4, 0, out, 12, 4);
        return out;
    }
}
