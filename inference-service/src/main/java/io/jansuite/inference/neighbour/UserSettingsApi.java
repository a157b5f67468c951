package io.jansuite.inference.neighbour;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The auth-service's public settings route, called with the user's own credential (not an internal route). */
@RegisterRestClient(configKey = "auth")
@Path("/v1/users/me/settings")
interface UserSettingsApi {

    @GET
    Uni<JsonNode> settings(@HeaderParam("Authorization") String authorization);
}
