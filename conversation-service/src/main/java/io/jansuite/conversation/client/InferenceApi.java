package io.jansuite.conversation.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.common.client.NeighbourErrors;
import io.jansuite.common.error.ApiException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The inference-service's public chat completions, called with the user's own credential. */
@RegisterRestClient(configKey = "inference")
@Path("/v1/chat/completions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface InferenceApi {

    @POST
    Uni<JsonNode> complete(@HeaderParam("Authorization") String authorization, ChatRequest request);

    /** The inference-service's error, in our envelope: same status and code, its message, its Retry-After. */
    @ClientExceptionMapper
    static ApiException toApiException(Response response) {
        return NeighbourErrors.from("inference-service", response);
    }
}
