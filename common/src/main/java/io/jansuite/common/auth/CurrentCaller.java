package io.jansuite.common.auth;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link CredentialFilter}; null on public routes. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
