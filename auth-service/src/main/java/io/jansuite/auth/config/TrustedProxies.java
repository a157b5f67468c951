package io.jansuite.auth.config;

import io.jansuite.common.net.IpNetwork;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} is believed ({@code app.auth.trusted-proxies}: IPv4/IPv6
 * addresses or CIDR ranges). Anyone else could write any address there.
 */
@ApplicationScoped
public class TrustedProxies {

    @Inject
    AuthSettings settings;

    private List<IpNetwork> networks;

    @PostConstruct
    void parse() {
        networks = parse(settings.trustedProxies());
    }

    /** The networks of the trusted proxies; an entry that is not an address or CIDR range stops the start-up. */
    static List<IpNetwork> parse(List<String> entries) {
        try {
            return IpNetwork.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("app.auth.trusted-proxies: " + e.getMessage(), e);
        }
    }

    public boolean isTrusted(String address) {
        return contains(networks, address);
    }

    static boolean contains(List<IpNetwork> networks, String address) {
        byte[] bytes = IpNetwork.literal(address);
        return bytes != null && networks.stream().anyMatch(n -> n.contains(bytes));
    }
}
