package io.jansuite.conversation.rest;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.error.ApiException;
import io.jansuite.conversation.rest.Views.PublicShareView;
import io.jansuite.conversation.service.ShareService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What a share link shows, to anyone (under the public prefix {@code /v1/public/}: no credentials). */
@Path("/v1/public/shares")
public class PublicShareResource {

    @Inject
    ShareService shares;

    @GET
    @Path("{slug}")
    @Operation(summary = "A shared conversation, read-only, without credentials")
    public Uni<DataEnvelope<PublicShareView>> openShare(@PathParam("slug") String slug) {
        return shares.open(slug).map(opened -> switch (opened.status()) {
            case OK -> DataEnvelope.of(Views.publicShare(opened.shared()));
            case EXPIRED -> throw ApiException.gone("share_expired", "This share link has expired.");
            case REVOKED -> throw ApiException.gone("share_revoked", "This share link has been revoked.");
            case NOT_FOUND -> throw ApiException.notFound("share_not_found", "No such share link.");
        });
    }
}
