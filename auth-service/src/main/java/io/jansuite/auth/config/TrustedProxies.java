package io.jansuite.auth.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} is believed ({@code app.auth.trusted-proxies}: IPv4/IPv6
 * addresses or CIDR ranges). Anyone else could write any address there.
 */
@ApplicationScoped
public class TrustedProxies {

    /** Literal addresses only: a host name here would make every request wait for DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    @Inject
    AuthSettings settings;

    private List<Network> networks;

    record Network(byte[] prefix, int bits) {

        boolean contains(byte[] address) {
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
    }

    @PostConstruct
    void parse() {
        networks = parse(settings.trustedProxies());
    }

    /** The networks of the trusted proxies; an entry that is not an address or CIDR range stops the start-up. */
    static List<Network> parse(List<String> entries) {
        List<Network> out = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            byte[] address = parseAddress(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("app.auth.trusted-proxies: not an IP address or CIDR range: " + entry);
            }
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("app.auth.trusted-proxies: bad prefix length in " + entry);
                }
            }
            out.add(new Network(address, bits));
        }
        return List.copyOf(out);
    }

    /** The address's bytes (IPv4-mapped IPv6 as IPv4), or null when it is not a literal IP address. */
    static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty() || text.length() > 45 || !LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean isTrusted(String address) {
        return contains(networks, address);
    }

    static boolean contains(List<Network> networks, String address) {
        byte[] bytes = parseAddress(address);
        return bytes != null && networks.stream().anyMatch(n -> n.contains(bytes));
    }
}
