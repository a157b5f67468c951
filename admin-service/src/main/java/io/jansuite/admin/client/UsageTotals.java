package io.jansuite.admin.client;

import io.jansuite.common.api.DataEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Completions served per catalog model, from the inference-service. Usage is informative on the admin pages:
 * when the inference-service cannot answer (in 3 s), every total reads 0 and a warning is logged, rather than
 * failing the catalog list.
 */
@ApplicationScoped
public class UsageTotals {

    private static final Logger LOG = Logger.getLogger(UsageTotals.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    @RestClient
    InferenceApi api;

    public Uni<Map<String, Long>> byModel() {
        return api.totals()
                .ifNoItem().after(TIMEOUT).fail()
                .map(DataEnvelope::data)
                .map(m -> m == null ? Map.<String, Long>of() : m)
                .onFailure().recoverWithItem(f -> {
                    LOG.warnf("usage totals unavailable, showing 0: %s", f.toString());
                    return Map.of();
                });
    }
}
