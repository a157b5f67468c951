package io.jansuite.admin.client;

import io.jansuite.common.auth.InternalApi;
import io.jansuite.common.api.DataEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The inference-service's usage totals (docs/internal-api.md). */
@InternalApi("inference-service")
@RegisterRestClient(configKey = "inference")
@Path("/internal/usage")
@Produces(MediaType.APPLICATION_JSON)
interface InferenceApi {

    @GET
    @Path("/totals")
    Uni<DataEnvelope<Map<String, Long>>> totals();
}
