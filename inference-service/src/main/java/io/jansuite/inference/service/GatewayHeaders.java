package io.jansuite.inference.service;

/** Response headers the gateway adds. */
public final class GatewayHeaders {

    /** The upstream's own name of the model that served the answer (the body names the model the client asked for). */
    public static final String UPSTREAM_MODEL = "X-Upstream-Model";

    private GatewayHeaders() {
    }
}
