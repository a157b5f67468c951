package io.jansuite.conversation.rest;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.error.ApiException;
import io.jansuite.conversation.rest.Requests.ShareRequest;
import io.jansuite.conversation.rest.Views.ShareView;
import io.jansuite.conversation.service.ConversationService;
import io.jansuite.conversation.service.ShareService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/** Creating and revoking a conversation's share links (owner only); listing is {@code GET …/shares}. */
@Path("/v1/conversations/{id}/share")
public class ShareResource {

    @Inject
    CurrentCaller caller;

    @Inject
    ShareService shares;

    @Inject
    ConversationService conversations;

    @Inject
    ShareLinks links;

    @POST
    @Operation(summary = "Create a public, read-only link to a conversation")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Views.ShareEnvelope.class)))
    public Uni<RestResponse<DataEnvelope<ShareView>>> createShare(@PathParam("id") String id, @Valid ShareRequest body) {
        ShareRequest req = body == null ? new ShareRequest(null, null, null) : body;
        return shares.create(userId(), id, req.expiresIn(), req.readOnly() == null || req.readOnly(),
                        Boolean.TRUE.equals(req.allowFeedback()))
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(s -> RestResponse.status(RestResponse.Status.CREATED, DataEnvelope.of(links.view(s))));
    }

    @DELETE
    @Path("{shareId}")
    @Operation(summary = "Revoke a share link: it answers 410 from now on")
    public Uni<RestResponse<Void>> revokeShare(@PathParam("id") String id, @PathParam("shareId") String shareId) {
        return shares.revoke(userId(), id, shareId).flatMap(done -> done
                ? Uni.createFrom().item(RestResponse.<Void>noContent())
                : conversations.exists(userId(), id).map(exists -> {
                    throw exists ? ApiException.notFound("share_not_found", "No such share link on this conversation.")
                            : Views.conversationNotFound();
                }));
    }

    private String userId() {
        return caller.get().userId();
    }
}
