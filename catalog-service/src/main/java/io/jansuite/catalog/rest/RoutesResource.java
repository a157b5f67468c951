package io.jansuite.catalog.rest;

import io.jansuite.catalog.api.RouteView;
import io.jansuite.catalog.service.PublicCatalog;
import io.jansuite.catalog.service.CatalogVersion;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** For the inference-service: where a public model is served, and the version to cache it by. */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    @Inject
    PublicCatalog catalog;

    @Inject
    CatalogVersion version;

    @GET
    @Path("/routes/{model}")
    @Operation(summary = "The enabled provider models serving a public model, in priority order, keys decrypted")
    public Uni<DataEnvelope<RouteView>> route(@PathParam("model") String model) {
        return catalog.route(model).map(route -> {
            if (route == null) {
                throw ApiException.notFound("model_not_found", "The model '" + model + "' does not exist or is disabled.");
            }
            return DataEnvelope.of(route);
        });
    }

    @GET
    @Path("/catalog/version")
    @Operation(summary = "The catalog's version, bumped on every change")
    public Uni<DataEnvelope<Map<String, Long>>> version() {
        return Panache.withSession(version::current).map(v -> DataEnvelope.of(Map.of("version", v)));
    }
}
