package io.jansuite.inference.rest;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.inference.repository.UsageRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Usage for the other services of the suite (the admin-service's catalog totals). */
@Path("/internal/usage")
public class UsageResource {

    @Inject
    UsageRepository usage;

    @GET
    @Path("/totals")
    @Operation(summary = "Completions per catalog model: {data: {model: count}}")
    public Uni<DataEnvelope<Map<String, Long>>> totals() {
        return usage.totals().map(DataEnvelope::of);
    }
}
