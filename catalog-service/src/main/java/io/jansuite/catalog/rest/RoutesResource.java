package io.jansuite.catalog.rest;

import io.jansuite.catalog.api.RouteView;
import io.jansuite.catalog.service.PublicCatalog;
import io.jansuite.catalog.service.CatalogVersionWatch;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** For the inference-service: where a public model is served, and the version to cache it by. */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    @Inject
    PublicCatalog catalog;

    @Inject
    CatalogVersionWatch watch;

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

    /**
     * Without {@code after}: the version now. With it, a long-poll: answers as soon as the version differs from
     * {@code after}, else with the same version after {@code wait} seconds (25 by default, at most 55).
     */
    @GET
    @Path("/catalog/version")
    @Operation(summary = "The catalog's version, bumped on every change; with after=N, waits until it differs from N")
    public Uni<DataEnvelope<Map<String, Long>>> version(@QueryParam("after") Long after,
            @QueryParam("wait") @DefaultValue("25") @Min(1) @Max(55) int wait) {
        Uni<Long> current = after == null ? watch.after(Long.MIN_VALUE, Duration.ZERO)
                : watch.after(after, Duration.ofSeconds(wait));
        return current.map(v -> DataEnvelope.of(Map.of("version", v)));
    }
}
