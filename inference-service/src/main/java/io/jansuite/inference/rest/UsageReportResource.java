package io.jansuite.inference.rest;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.inference.service.UsageReports;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's own usage: requests, tokens and spend, from the per-day rollups. */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageReportResource {

    @Inject
    UsageReports reports;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/me")
    @Operation(summary = "The caller's requests, input and output tokens and spend (USD), in total and by day, model or key")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UsageReports.Report.class)))
    @APIResponse(responseCode = "400", description = "invalid_value: a bad date, range or group_by",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "#/components/schemas/ErrorEnvelope")))
    public Uni<DataEnvelope<UsageReports.Report>> me(
            @Parameter(description = "First UTC day (YYYY-MM-DD), default the first of this month") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day, inclusive, default today") @QueryParam("to") String to,
            @Parameter(description = "day, model or key") @QueryParam("group_by") String groupBy) {
        return reports.report(from, to, groupBy, UsageReports.OWN_GROUPS, caller.get().userId(), null, null)
                .map(DataEnvelope::of);
    }
}
