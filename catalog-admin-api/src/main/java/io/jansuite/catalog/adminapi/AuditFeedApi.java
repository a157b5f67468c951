package io.jansuite.catalog.adminapi;

import io.jansuite.common.auth.InternalApi;
import io.jansuite.common.client.NeighbourErrors;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The audit entries of admin changes, as the catalog-service committed them, for the admin-service's log. */
@InternalApi("catalog-service")
@RegisterRestClient(configKey = "catalog")
@Path("/internal/admin/audit-events")
@Produces(MediaType.APPLICATION_JSON)
public interface AuditFeedApi {

    @GET
    @Operation(summary = "Audit entries with an id above after, oldest first (limit 1-100)")
    Uni<AuditEvent.Page> after(@QueryParam("after") String after, @QueryParam("limit") String limit);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NeighbourErrors.from("catalog-service", response);
    }
}
