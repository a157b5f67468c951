package io.jansuite.inference.neighbour;

import io.jansuite.common.auth.InternalApi;
import io.jansuite.common.client.NeighbourErrors;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@InternalApi("catalog-service")
@RegisterRestClient(configKey = "catalog")
@Path("/internal")
interface CatalogApi {

    @GET
    @Path("/routes/{model}")
    Uni<RouteEnvelope> route(@PathParam("model") String model);

    /** Answers once the catalog's version differs from {@code after}, or after {@code wait} seconds. */
    @GET
    @Path("/catalog/version")
    Uni<VersionEnvelope> version(@QueryParam("after") long after, @QueryParam("wait") long wait);

    record RouteEnvelope(Route data) {
    }

    record VersionEnvelope(Version data) {
    }

    record Version(long version) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NeighbourErrors.from("catalog-service", response);
    }
}
