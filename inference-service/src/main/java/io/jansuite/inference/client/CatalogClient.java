package io.jansuite.inference.client;

import io.jansuite.common.client.NeighbourErrors;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "catalog")
@Path("/internal")
interface CatalogClient {

    @GET
    @Path("/routes/{model}")
    Uni<RouteEnvelope> route(@PathParam("model") String model);

    record RouteEnvelope(Route data) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NeighbourErrors.from("catalog-service", response);
    }
}
