package io.jansuite.conversation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.error.ApiException;
import io.jansuite.conversation.rest.Requests.InternalAppendRequest;
import io.jansuite.conversation.rest.Views.ItemView;
import io.jansuite.conversation.service.MessageService;
import io.jansuite.conversation.service.MessageService.NewMessage;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * For the inference-service (common checks X-Internal-Caller): a user's conversation as model input, and the
 * turns of a completion stored back. The user's own credential comes along, so ownership is checked here.
 */
@Path("/internal/conversations/{id}/messages")
public class InternalMessageResource {

    @Inject
    CurrentCaller caller;

    @Inject
    MessageService messages;

    public record Turn(String role, String content) {
    }

    @GET
    @Operation(summary = "A conversation's messages as model input, oldest first")
    public Uni<DataEnvelope<List<Turn>>> readMessages(@PathParam("id") String id) {
        return messages.all(user().userId(), id)
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(list -> DataEnvelope.of(list.stream().map(m -> new Turn(m.role, m.content)).toList()));
    }

    @POST
    @Operation(summary = "Append the turns of a completion; model becomes the conversation's default")
    public Uni<RestResponse<DataEnvelope<List<ItemView>>>> appendMessages(@PathParam("id") String id,
            @Valid @NotNull InternalAppendRequest body) {
        List<NewMessage> turns = body.messages().stream()
                .map(m -> new NewMessage(m.role(), text(m.content()), m.contentType(), incompleteReason(m)))
                .toList();
        return messages.append(user().userId(), id, turns, body.model())
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(created -> RestResponse.status(RestResponse.Status.CREATED,
                        DataEnvelope.of(created.stream().map(Views::item).toList())));
    }

    private static String incompleteReason(Requests.InternalMessage m) {
        String status = m.status() == null ? "completed" : m.status();
        String reason = m.incompleteDetails() == null ? null : m.incompleteDetails().reason();
        if (status.equals("completed") && reason == null) {
            return null;
        }
        if (status.equals("incomplete") && reason != null) {
            return reason;
        }
        throw ApiException.badRequest("invalid_value",
                "status must be completed, or incomplete with incomplete_details.reason.", "status");
    }

    private Caller user() {
        Caller c = caller.get();
        if (c == null) {
            throw ApiException.unauthorized("missing_credentials", "Forward the user's credential.");
        }
        return c;
    }

    /** Text content as is; OpenAI content parts as their text parts joined (what the history can replay). */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    out.append(out.length() == 0 ? "" : "\n").append(part.get("text").asText());
                }
            }
            return out.toString();
        }
        return content.toString();
    }

}
