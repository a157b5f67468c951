package io.jansuite.common.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A raw API key waiting to be verified. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
