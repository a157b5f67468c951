package io.jansuite.conversation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.error.ApiException;
import io.jansuite.conversation.Message;
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

    /** content_type of messages whose content arrived as OpenAI content parts (kept as their JSON). */
    static final String PARTS = "parts";

    @Inject
    CurrentCaller caller;

    @Inject
    MessageService messages;

    @Inject
    ObjectMapper json;

    public record Turn(String role, Object content) {
    }

    @GET
    @Operation(summary = "A conversation's messages as model input, oldest first")
    public Uni<DataEnvelope<List<Turn>>> read(@PathParam("id") String id) {
        return messages.all(user().userId(), id)
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(list -> DataEnvelope.of(list.stream().map(this::turn).toList()));
    }

    @POST
    @Operation(summary = "Append the turns of a completion; model becomes the conversation's default")
    public Uni<RestResponse<DataEnvelope<List<ItemView>>>> append(@PathParam("id") String id,
            @Valid @NotNull InternalAppendRequest body) {
        List<NewMessage> turns = body.messages().stream()
                .map(m -> new NewMessage(m.role(), text(m.content()),
                        m.content() != null && m.content().isContainerNode() ? PARTS : m.contentType()))
                .toList();
        return messages.append(user().userId(), id, turns, body.model())
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(created -> RestResponse.status(RestResponse.Status.CREATED,
                        DataEnvelope.of(created.stream().map(Views::item).toList())));
    }

    private Caller user() {
        Caller c = caller.get();
        if (c == null) {
            throw ApiException.unauthorized("missing_credentials", "Forward the user's credential.");
        }
        return c;
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        return content.isTextual() ? content.asText() : content.toString();
    }

    private Turn turn(Message m) {
        if (PARTS.equals(m.contentType)) {
            try {
                return new Turn(m.role, json.readTree(m.content));
            } catch (Exception e) {
                return new Turn(m.role, m.content);
            }
        }
        return new Turn(m.role, m.content);
    }
}
