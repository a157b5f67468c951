package io.jansuite.auth.rest;

import io.jansuite.auth.service.LocalApiKeyVerifier;
import io.jansuite.auth.service.RevocationFeed;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.VerifiedKey;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What the other services ask the auth-service (docs/internal-api.md); common's filter admits only them. */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public class InternalResource {

    @Inject
    LocalApiKeyVerifier verifier;

    @Inject
    RevocationFeed feed;

    record KeyToVerify(String key) {
    }

    @POST
    @Path("/api-keys/verify")
    @Operation(summary = "Who an API key belongs to; 404 when unknown, revoked or expired")
    public Uni<DataEnvelope<VerifiedKey>> verify(KeyToVerify body) {
        String key = body == null ? null : body.key();
        return verifier.verify(key).map(found -> {
            if (found == null) {
                throw ApiException.notFound("api_key_not_found", "Unknown, revoked or expired API key.");
            }
            return DataEnvelope.of(found);
        });
    }

    @GET
    @Path("/revocations")
    @Operation(summary = "Sessions and API keys revoked after a sequence number")
    public Uni<RevocationFeed.Feed> revocations(@QueryParam("after") Long after) {
        if (after != null && after < 0) {
            throw ApiException.badRequest("invalid_after", "after must be 0 or more.", "after");
        }
        return feed.after(after == null ? 0 : after);
    }
}
