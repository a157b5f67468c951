package io.jansuite.admin.client;

import io.jansuite.admin.api.AdminQuotas;
import io.jansuite.catalog.adminapi.AuditEvent;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.InternalApi;
import io.jansuite.common.auth.InternalSignature;
import io.jansuite.common.client.NeighbourErrors;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
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
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The inference-service's quota limits, their audit feed and usage reports (docs/internal-api.md). */
@InternalApi("inference-service")
@RegisterRestClient(configKey = "inference")
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface InferenceAdminApi {

    /** {@code type}: roles, users or keys. */
    @GET
    @Path("/admin/quotas/{type}")
    Uni<DataEnvelope<List<AdminQuotas.QuotaView>>> quotas(@PathParam("type") String type);

    @PUT
    @Path("/admin/quotas/{type}/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<DataEnvelope<AdminQuotas.Change>> put(@HeaderParam(InternalSignature.ACTOR_HEADER) String actor,
            @PathParam("type") String type, @PathParam("id") String id, AdminQuotas.Settings settings);

    @DELETE
    @Path("/admin/quotas/{type}/{id}")
    Uni<DataEnvelope<AdminQuotas.Change>> delete(@HeaderParam(InternalSignature.ACTOR_HEADER) String actor,
            @PathParam("type") String type, @PathParam("id") String id, @QueryParam("reason") String reason);

    @GET
    @Path("/admin/quota-audit-events")
    Uni<AuditEvent.Page> auditAfter(@QueryParam("after") String after, @QueryParam("limit") String limit);

    @GET
    @Path("/usage/report")
    Uni<DataEnvelope<AdminQuotas.UsageReport>> usage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group_by") String groupBy, @QueryParam("user_id") String userId,
            @QueryParam("key_id") String keyId, @QueryParam("model") String model);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NeighbourErrors.from("inference-service", response);
    }
}
