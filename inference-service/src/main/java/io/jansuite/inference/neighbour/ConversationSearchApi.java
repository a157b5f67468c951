package io.jansuite.inference.neighbour;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.common.auth.InternalApi;
import io.jansuite.common.client.NeighbourErrors;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The conversation-service's search of the caller's own messages (the user's credential goes along). */
@InternalApi("conversation-service")
@RegisterRestClient(configKey = "conversation")
@Path("/internal/conversations/search")
public interface ConversationSearchApi {

    /** {@code {data: [{conversation_id, title, message_id, role, snippet, created_at}]}} */
    @GET
    Uni<JsonNode> search(@HeaderParam("Authorization") String authorization, @QueryParam("q") String q,
            @QueryParam("limit") int limit);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NeighbourErrors.from("conversation-service", response);
    }
}
