package io.jansuite.inference.service;

import io.jansuite.inference.config.InferenceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One breaker per provider (per replica): open after N consecutive failures, skipped while open; once the
 * open period is over, requests go through again and the first failure reopens it, a success closes it.
 */
@ApplicationScoped
public class CircuitBreakers {

    private static final Logger LOG = Logger.getLogger(CircuitBreakers.class);

    @Inject
    InferenceConfig config;

    private final Map<String, State> states = new ConcurrentHashMap<>();

    private static final class State {
        int consecutiveFailures;
        long openUntil;
    }

    public boolean allows(String provider) {
        State s = states.get(provider);
        if (s == null) {
            return true;
        }
        synchronized (s) {
            return System.currentTimeMillis() >= s.openUntil;
        }
    }

    public void success(String provider) {
        State s = states.get(provider);
        if (s != null) {
            synchronized (s) {
                s.consecutiveFailures = 0;
                s.openUntil = 0;
            }
        }
    }

    public void failure(String provider) {
        State s = states.computeIfAbsent(provider, k -> new State());
        synchronized (s) {
            s.consecutiveFailures++;
            if (s.consecutiveFailures >= config.breaker().failures()) {
                boolean wasClosed = System.currentTimeMillis() >= s.openUntil;
                s.openUntil = System.currentTimeMillis() + config.breaker().openFor().toMillis();
                if (wasClosed) {
                    LOG.warnf("provider %s failed %d times in a row: skipped for %s", provider,
                            s.consecutiveFailures, config.breaker().openFor());
                }
            }
        }
    }
}
