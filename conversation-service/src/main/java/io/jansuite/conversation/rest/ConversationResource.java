package io.jansuite.conversation.rest;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.conversation.rest.Requests.BulkDeleteRequest;
import io.jansuite.conversation.rest.Requests.ConversationRequest;
import io.jansuite.conversation.rest.Views.ConversationView;
import io.jansuite.conversation.rest.Views.Deleted;
import io.jansuite.conversation.rest.Views.ShareView;
import io.jansuite.conversation.service.ConversationService;
import io.jansuite.conversation.service.ShareService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/conversations")
public class ConversationResource {

    @Inject
    CurrentCaller caller;

    @Inject
    ConversationService conversations;

    @Inject
    ShareService shares;

    @Inject
    ShareLinks links;

    @POST
    @Operation(summary = "Create a conversation")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Views.ConversationEnvelope.class)))
    public Uni<RestResponse<DataEnvelope<ConversationView>>> createConversation(@Valid ConversationRequest body) {
        ConversationRequest req = body == null ? new ConversationRequest(null, null) : body;
        return conversations.create(userId(), req.title(), req.metadata())
                .map(c -> RestResponse.status(RestResponse.Status.CREATED, DataEnvelope.of(Views.conversation(c, null))));
    }

    @GET
    @Operation(summary = "List your conversations, newest first")
    public Uni<ListEnvelope<ConversationView>> listConversations(@QueryParam("limit") String limit,
            @QueryParam("offset") String offset, @QueryParam("order") String order) {
        Page page = Page.of(limit, offset);
        return conversations.list(userId(), page, Views.ascending(order, false))
                .map(s -> ListEnvelope.of(s.items().stream().map(c -> Views.conversation(c, null)).toList(), s.total(), page));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a conversation with its messages in order")
    public Uni<DataEnvelope<ConversationView>> getConversation(@PathParam("id") String id) {
        return conversations.get(userId(), id)
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(w -> DataEnvelope.of(Views.conversation(w.conversation(), w.items())));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Update title and metadata (metadata keys merge; null removes a key)")
    public Uni<DataEnvelope<ConversationView>> updateConversation(@PathParam("id") String id,
            @Valid ConversationRequest body) {
        ConversationRequest req = body == null ? new ConversationRequest(null, null) : body;
        return conversations.update(userId(), id, req.title(), req.metadata())
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(c -> DataEnvelope.of(Views.conversation(c, null)));
    }

    @POST
    @Path("{id}")
    @Operation(summary = "Update a conversation (alias of PATCH)")
    public Uni<DataEnvelope<ConversationView>> updateConversationAlias(@PathParam("id") String id,
            @Valid ConversationRequest body) {
        return updateConversation(id, body);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a conversation, its messages and its share links")
    public Uni<RestResponse<Void>> deleteConversation(@PathParam("id") String id) {
        return conversations.delete(userId(), id).map(deleted -> {
            if (!deleted) {
                throw Views.conversationNotFound();
            }
            return RestResponse.noContent();
        });
    }

    @POST
    @Path("bulk-delete")
    @Operation(summary = "Delete several of your conversations; others' ids are ignored")
    public Uni<DataEnvelope<Deleted>> bulkDeleteConversations(@Valid @NotNull BulkDeleteRequest body) {
        return conversations.bulkDelete(userId(), body.conversationIds())
                .map(n -> DataEnvelope.of(new Deleted(n)));
    }

    @GET
    @Path("{id}/shares")
    @Operation(summary = "List a conversation's share links, revoked ones included")
    public Uni<ListEnvelope<ShareView>> listShares(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Page page = Page.of(limit, offset);
        return shares.list(userId(), id, page)
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(s -> ListEnvelope.of(s.items().stream().map(links::view).toList(), s.total(), page));
    }

    private String userId() {
        return caller.get().userId();
    }
}
