package io.jansuite.conversation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The inference-service's public chat completions, called with the user's own credential. */
@RegisterRestClient(configKey = "inference")
@Path("/v1/chat/completions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface InferenceApi {

    /** Statuses whose meaning survives the hop; anything else from upstream is a 502. */
    Set<Integer> PASSED_THROUGH = Set.of(400, 401, 403, 404, 409, 413, 422, 429, 502, 503, 504);
    ObjectMapper ERRORS = new ObjectMapper();

    @POST
    Uni<JsonNode> complete(@HeaderParam("Authorization") String authorization, ChatRequest request);

    /** The inference-service's error, in our envelope: same status and code, its message, its Retry-After. */
    @ClientExceptionMapper
    static ApiException toApiException(Response response) {
        int status = PASSED_THROUGH.contains(response.getStatus()) ? response.getStatus() : 502;
        String code = "upstream_error";
        String message = "The inference service answered " + response.getStatus() + ".";
        String param = null;
        try {
            JsonNode error = ERRORS.readTree(response.readEntity(String.class)).path("error");
            if (error.hasNonNull("code") && PASSED_THROUGH.contains(response.getStatus())) {
                code = error.get("code").asText();
            }
            if (error.hasNonNull("message")) {
                message = error.get("message").asText();
            }
            if (error.hasNonNull("param")) {
                param = error.get("param").asText();
            }
        } catch (Exception unreadable) {
            // not our envelope: keep the generic code and message
        }
        String retryAfter = response.getHeaderString("Retry-After");
        return new ApiException(status, code, message, param, null,
                retryAfter == null ? null : Map.of("Retry-After", retryAfter));
    }
}
