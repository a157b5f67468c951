package io.jansuite.inference.neighbour;

import io.jansuite.common.auth.InternalApi;
import io.jansuite.common.client.NeighbourErrors;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@InternalApi("conversation-service")
@RegisterRestClient(configKey = "conversation")
@Path("/internal/conversations/{id}/messages")
interface ConversationApi {

    @GET
    Uni<Messages> messages(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);

    @POST
    Uni<Response> append(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
            Append body);

    record Messages(List<ConversationMessage> data) {
    }

    record Append(List<ConversationTurn> messages, String model) {
    }

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NeighbourErrors.from("conversation-service", response);
    }
}
