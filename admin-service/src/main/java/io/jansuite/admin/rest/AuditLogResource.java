package io.jansuite.admin.rest;

import io.jansuite.admin.service.AuditLog;
import io.jansuite.catalog.adminapi.AuditEvent;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit log, newest first; read-only (no route changes or deletes an entry). */
@Path("/v1/admin/audit-log")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    @Inject
    AuditLog audit;

    @GET
    @Operation(summary = "Every admin change: who, what, when, reason, before and after")
    public Uni<ListEnvelope<AuditEvent>> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
            @QueryParam("action") String action) {
        return audit.list(Page.of(limit, offset), action);
    }
}
