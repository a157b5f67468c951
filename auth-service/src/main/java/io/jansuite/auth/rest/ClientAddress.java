package io.jansuite.auth.rest;

import io.jansuite.auth.config.TrustedProxies;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Predicate;

/**
 * The client's address, for the sign-in limits. The connecting peer, unless it is a trusted proxy: then the
 * {@code X-Forwarded-For} chain is read from the right (each proxy appends the address it saw), skipping
 * trusted proxies, and the first address no trusted proxy vouches for is the client. A client that writes
 * its own {@code X-Forwarded-For} only adds entries to the left of what the proxies wrote, never replaces
 * them.
 */
@ApplicationScoped
public class ClientAddress {

    /** Entries beyond this many from the right are never read (no proxy chain is that long). */
    static final int MAX_HOPS = 16;

    @Inject
    TrustedProxies trusted;

    public String of(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        return resolve(remote == null ? "unknown" : remote.hostAddress(),
                ctx.request().headers().getAll("X-Forwarded-For"), trusted::isTrusted);
    }

    static String resolve(String peer, List<String> forwardedFor, Predicate<String> isTrusted) {
        if (!isTrusted.test(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        String client = peer;
        int hops = 0;
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] entries = forwardedFor.get(h).split(",");
            for (int i = entries.length - 1; i >= 0; i--) {
                String entry = entries[i].strip();
                if (entry.isEmpty()) {
                    continue;
                }
                if (++hops > MAX_HOPS) {
                    return client;
                }
                client = entry;
                if (!isTrusted.test(entry)) {
                    return entry;
                }
            }
        }
        return client;
    }
}
