package io.jansuite.inference.rest;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.inference.repository.UsageRepository;
import io.jansuite.inference.service.UsageReports;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Usage for the other services of the suite (the admin-service's catalog totals and usage reports). */
@Path("/internal/usage")
public class UsageResource {

    @Inject
    UsageRepository usage;

    @Inject
    UsageReports reports;

    @GET
    @Path("/totals")
    @Operation(summary = "Completions per catalog model: {data: {model: count}}")
    public Uni<DataEnvelope<Map<String, Long>>> totals() {
        return usage.totals().map(DataEnvelope::of);
    }

    @GET
    @Path("/report")
    @Operation(summary = "Usage of any user, key or model (the admin-service's GET /v1/admin/usage)")
    public Uni<DataEnvelope<UsageReports.Report>> report(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group_by") String groupBy, @QueryParam("user_id") String userId,
            @QueryParam("key_id") String keyId, @QueryParam("model") String model) {
        return reports.report(from, to, groupBy, UsageReports.ADMIN_GROUPS, userId, keyId, model).map(DataEnvelope::of);
    }
}
