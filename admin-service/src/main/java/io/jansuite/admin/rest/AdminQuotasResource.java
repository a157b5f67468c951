package io.jansuite.admin.rest;

import io.jansuite.admin.api.AdminQuotas;
import io.jansuite.admin.service.QuotaAdmin;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Quotas and budgets (docs/gateway.md): defaults per role ({@code roles/guest|user|admin}), overrides per user
 * ({@code users/usr_…}) and per API key ({@code keys/key_…}); and usage reports. For admins only.
 */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminQuotasResource {

    @Inject
    QuotaAdmin quotas;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/quotas/{type}")
    @Operation(summary = "Quota limits of every role (roles), or of every user or key with an override (users, keys)",
            description = "Error 404: not_found: type is not roles, users or keys")
    public Uni<DataEnvelope<List<AdminQuotas.QuotaView>>> list(
            @Parameter(description = "roles, users or keys") @PathParam("type") String type) {
        return quotas.list(type).map(DataEnvelope::of);
    }

    @PUT
    @Path("/quotas/{type}/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a role's default quotas or a user's or key's override; every limit field is set (absent: unset)",
            description = "Error 400: invalid_value: a negative limit, a budget with more than 6 decimals, a bad id")
    public Uni<DataEnvelope<AdminQuotas.QuotaView>> put(@PathParam("type") String type, @PathParam("id") String id,
            @Valid @NotNull AdminQuotas.Settings settings) {
        return quotas.put(caller.get(), type, id, settings).map(DataEnvelope::of);
    }

    @DELETE
    @Path("/quotas/{type}/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Remove a user's or key's override: the role's defaults apply again",
            description = "Error 404: quota_override_not_found")
    public Uni<Void> delete(@PathParam("type") String type, @PathParam("id") String id,
            @QueryParam("reason") String reason) {
        return quotas.delete(caller.get(), type, id, reason);
    }

    @GET
    @Path("/usage")
    @Operation(summary = "Requests, input and output tokens and spend of any user, key or model, by day, model, key or user",
            description = "Error 400: invalid_value: a bad date, range or group_by")
    public Uni<DataEnvelope<AdminQuotas.UsageReport>> usage(
            @Parameter(description = "First UTC day (YYYY-MM-DD), default the first of this month") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day, inclusive, default today") @QueryParam("to") String to,
            @Parameter(description = "day, model, key or user") @QueryParam("group_by") String groupBy,
            @QueryParam("user_id") String userId, @QueryParam("key_id") String keyId, @QueryParam("model") String model) {
        return quotas.usage(from, to, groupBy, userId, keyId, model).map(DataEnvelope::of);
    }
}
