package io.jansuite.inference.client;

import io.jansuite.common.auth.InternalApi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@InternalApi("catalog-service")
@RegisterRestClient(configKey = "catalog")
@Path("/internal")
interface CatalogClient {

    @GET
    @Path("/routes/{model}")
    Uni<RouteEnvelope> route(@PathParam("model") String model);

    record RouteEnvelope(Route data) {
    }
}
