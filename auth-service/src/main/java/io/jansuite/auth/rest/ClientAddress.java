package io.jansuite.auth.rest;

import io.vertx.ext.web.RoutingContext;

/** The client's address for brute-force counting: the first {@code X-Forwarded-For} entry, else the peer. */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(RoutingContext ctx) {
        String forwarded = ctx.request().getHeader("X-Forwarded-For");
        if (forwarded != null) {
            String first = forwarded.split(",", 2)[0].trim();
            if (!first.isEmpty()) {
                return first;
            }
        }
        var remote = ctx.request().remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }
}
