package io.jansuite.conversation.rest;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.conversation.rest.Requests.EditItemRequest;
import io.jansuite.conversation.rest.Requests.ItemRequest;
import io.jansuite.conversation.rest.Requests.RegenerateRequest;
import io.jansuite.conversation.rest.Views.ItemView;
import io.jansuite.conversation.service.ConversationService;
import io.jansuite.conversation.service.MessageService;
import io.jansuite.conversation.service.RegenerateService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/conversations/{conversationId}/items")
public class ItemResource {

    @Inject
    CurrentCaller caller;

    @Inject
    ConversationService conversations;

    @Inject
    MessageService messages;

    @Inject
    RegenerateService regenerator;

    @PathParam("conversationId")
    String conversationId;

    @POST
    @Operation(summary = "Add a message to a conversation")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Views.ItemEnvelope.class)))
    public Uni<RestResponse<DataEnvelope<ItemView>>> sendItem(@Valid @NotNull ItemRequest body) {
        MessageService.NewMessage m = new MessageService.NewMessage(body.role(), body.content(), body.contentType());
        return messages.append(userId(), conversationId, List.of(m), null)
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, DataEnvelope.of(Views.item(created.get(0)))));
    }

    @GET
    @Operation(summary = "List a conversation's messages, oldest first")
    public Uni<ListEnvelope<ItemView>> listItems(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
            @QueryParam("order") String order) {
        Page page = Page.of(limit, offset);
        return messages.list(userId(), conversationId, page, Views.ascending(order, true))
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(s -> ListEnvelope.of(s.items().stream().map(Views::item).toList(), s.total(), page));
    }

    @GET
    @Path("{itemId}")
    @Operation(summary = "Get one message")
    public Uni<DataEnvelope<ItemView>> getItem(@PathParam("itemId") String itemId) {
        return messages.get(userId(), conversationId, itemId)
                .onItem().ifNull().switchTo(this::notFound)
                .map(m -> DataEnvelope.of(Views.item(m)));
    }

    @PATCH
    @Path("{itemId}")
    @Operation(summary = "Edit a message's content")
    public Uni<DataEnvelope<ItemView>> editItem(@PathParam("itemId") String itemId, @Valid @NotNull EditItemRequest body) {
        return messages.edit(userId(), conversationId, itemId, body.content())
                .onItem().ifNull().switchTo(this::notFound)
                .map(m -> DataEnvelope.of(Views.item(m)));
    }

    @DELETE
    @Path("{itemId}")
    @Operation(summary = "Delete a message")
    public Uni<RestResponse<Void>> deleteItem(@PathParam("itemId") String itemId) {
        return messages.delete(userId(), conversationId, itemId).flatMap(deleted -> deleted
                ? Uni.createFrom().item(RestResponse.<Void>noContent())
                : this.<RestResponse<Void>>notFound());
    }

    @POST
    @Path("{itemId}/regenerate")
    @Operation(summary = "Ask the model again from this point; the answer is stored as a new assistant message")
    @APIResponse(responseCode = "201", description = "The new assistant message",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Views.ItemEnvelope.class)))
    public Uni<RestResponse<DataEnvelope<ItemView>>> regenerateItem(@PathParam("itemId") String itemId,
            @Valid RegenerateRequest body) {
        RegenerateRequest req = body == null ? new RegenerateRequest(null, null, null) : body;
        return regenerator.regenerate(userId(), caller.get().authorizationHeader(), conversationId, itemId,
                        new RegenerateService.Options(req.model(), req.temperature(), req.maxTokens()))
                .onItem().ifNull().switchTo(this::notFound)
                .map(m -> RestResponse.status(RestResponse.Status.CREATED, DataEnvelope.of(Views.item(m))));
    }

    /** 404 naming what is missing: the conversation (also when it is someone else's) or the message. */
    private <T> Uni<T> notFound() {
        return conversations.exists(userId(), conversationId).flatMap(exists -> Uni.createFrom().failure(
                exists ? Views.itemNotFound() : Views.conversationNotFound()));
    }

    private String userId() {
        return caller.get().userId();
    }
}
