package io.jansuite.inference.rest;

import io.jansuite.common.auth.InternalSignature;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.quota.QuotaLimits;
import io.jansuite.inference.quota.QuotaPolicies;
import io.jansuite.inference.quota.QuotaView;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * For the admin-service: quota defaults per role and overrides per user and key (the storage behind
 * {@code /v1/admin/quotas/...}), and the audit entries each change committed. Writes need {@code X-Admin-Actor}.
 */
@Path("/internal/admin")
@Produces(MediaType.APPLICATION_JSON)
public class QuotaAdminResource {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    @Inject
    QuotaPolicies policies;

    /** A subject's limits and why they changed (for the audit log). */
    public record QuotaSettings(@Valid @NotNull QuotaLimits limits, @Size(max = 1000) String reason) {
    }

    @GET
    @Path("/quotas/{type}")
    @Operation(summary = "Limits of every role (type roles), or every user or key with an override (users, keys)")
    public Uni<DataEnvelope<List<QuotaView>>> list(@PathParam("type") String type) {
        return policies.list(type(type)).map(DataEnvelope::of);
    }

    @PUT
    @Path("/quotas/{type}/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a role's defaults or a user's or key's override (every field; a missing one is unset)")
    public Uni<DataEnvelope<Map<String, QuotaView>>> put(@HeaderParam(InternalSignature.ACTOR_HEADER) String actor,
            @PathParam("type") String type, @PathParam("id") String id, @Valid @NotNull QuotaSettings settings) {
        String subject = type(type);
        return policies.put(actor, subject, id(subject, id), settings.limits(), settings.reason()).map(DataEnvelope::of);
    }

    @DELETE
    @Path("/quotas/{type}/{id}")
    @Operation(summary = "Remove a user's or key's override (back to the role's defaults)")
    public Uni<DataEnvelope<Map<String, QuotaView>>> delete(@HeaderParam(InternalSignature.ACTOR_HEADER) String actor,
            @PathParam("type") String type, @PathParam("id") String id, @QueryParam("reason") String reason) {
        String subject = type(type);
        if (subject.equals(QuotaPolicies.ROLE)) {
            throw ApiException.badRequest("invalid_value", "A role's defaults are set, not removed: PUT empty limits.", "type");
        }
        return policies.delete(actor, subject, id(subject, id), reason).map(change -> {
            if (change == null) {
                throw ApiException.notFound("quota_override_not_found", "No quota override for " + id + ".");
            }
            return DataEnvelope.of(change);
        });
    }

    @GET
    @Path("/quota-audit-events")
    @Operation(summary = "Audit entries of quota changes with an id above after, oldest first (limit 1-100)")
    public Uni<Map<String, Object>> audit(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        long from;
        try {
            from = after == null || after.isBlank() ? 0 : Long.parseLong(after.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_value", "after must be an entry id.", "after");
        }
        return policies.auditAfter(from, Page.of(limit, null).limit());
    }

    private static String type(String type) {
        return switch (type) {
            case "roles" -> QuotaPolicies.ROLE;
            case "users" -> QuotaPolicies.USER;
            case "keys" -> QuotaPolicies.KEY;
            default -> throw ApiException.notFound("not_found", "No quota type " + type + ": roles, users or keys.");
        };
    }

    private static String id(String type, String id) {
        boolean ok = switch (type) {
            case QuotaPolicies.ROLE -> QuotaPolicies.ROLES.contains(id);
            case QuotaPolicies.USER -> id.startsWith("usr_") && ID.matcher(id).matches();
            default -> id.startsWith("key_") && ID.matcher(id).matches();
        };
        if (!ok) {
            throw ApiException.badRequest("invalid_value", switch (type) {
                case QuotaPolicies.ROLE -> "A role is one of " + String.join(", ", QuotaPolicies.ROLES) + ".";
                case QuotaPolicies.USER -> "A user id looks like usr_...";
                default -> "An API key id looks like key_...";
            }, "id");
        }
        return id;
    }
}
