package io.jansuite.conversation.rest;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

/** Share links of a conversation (owner only), and the public view behind a link (anyone). */
@Path("/v1")
public class ShareResource {

    @Inject
    CurrentCaller caller;

    @Inject
    ShareService shares;

    @Inject
    ConversationService conversations;

    @ConfigProperty(name = "app.public-base-url")
    String publicBaseUrl;

    @POST
    @Path("conversations/{id}/share")
    @Operation(summary = "Create a public, read-only link to a conversation")
    public Uni<RestResponse<DataEnvelope<ShareView>>> create(@PathParam("id") String id, @Valid ShareRequest body) {
        ShareRequest req = body == null ? new ShareRequest(null, null, null) : body;
        return shares.create(userId(), id, req.expiresIn(), req.readOnly() == null || req.readOnly(),
                        Boolean.TRUE.equals(req.allowFeedback()))
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(s -> RestResponse.status(RestResponse.Status.CREATED, DataEnvelope.of(Views.share(s, publicBaseUrl))));
    }

    @GET
    @Path("conversations/{id}/shares")
    @Operation(summary = "List a conversation's share links, revoked ones included")
    public Uni<ListEnvelope<ShareView>> list(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Page page = Page.of(limit, offset);
        return shares.list(userId(), id, page)
                .onItem().ifNull().failWith(Views::conversationNotFound)
                .map(s -> ListEnvelope.of(s.items().stream().map(x -> Views.share(x, publicBaseUrl)).toList(),
                        s.total(), page));
    }

    @DELETE
    @Path("conversations/{id}/share/{shareId}")
    @Operation(summary = "Revoke a share link: it answers 410 from now on")
    public Uni<RestResponse<Void>> revoke(@PathParam("id") String id, @PathParam("shareId") String shareId) {
        return shares.revoke(userId(), id, shareId).flatMap(done -> done
                ? Uni.createFrom().item(RestResponse.<Void>noContent())
                : conversations.exists(userId(), id).map(exists -> {
                    throw exists ? ApiException.notFound("share_not_found", "No such share link on this conversation.")
                            : Views.conversationNotFound();
                }));
    }

    @DELETE
    @Path("conversations/{id}/shares/{shareId}")
    @Operation(summary = "Revoke a share link (alias)")
    public Uni<RestResponse<Void>> revokeAlias(@PathParam("id") String id, @PathParam("shareId") String shareId) {
        return revoke(id, shareId);
    }

    @GET
    @Path("public/shares/{slug}")
    @Operation(summary = "A shared conversation, read-only, without credentials")
    public Uni<DataEnvelope<Views.PublicShareView>> open(@PathParam("slug") String slug) {
        return shares.open(slug).map(opened -> switch (opened.status()) {
            case OK -> DataEnvelope.of(Views.publicShare(opened.shared()));
            case EXPIRED -> throw ApiException.gone("share_expired", "This share link has expired.");
            case REVOKED -> throw ApiException.gone("share_revoked", "This share link has been revoked.");
            case NOT_FOUND -> throw ApiException.notFound("share_not_found", "No such share link.");
        });
    }

    private String userId() {
        return caller.get().userId();
    }
}
