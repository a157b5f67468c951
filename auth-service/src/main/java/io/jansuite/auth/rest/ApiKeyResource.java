package io.jansuite.auth.rest;

import io.jansuite.auth.rest.AuthApi.CreateKeyRequest;
import io.jansuite.auth.rest.AuthApi.CreatedKey;
import io.jansuite.auth.rest.AuthApi.KeyView;
import io.jansuite.auth.service.ApiKeyService;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's API keys. */
@Path("/llm/auth/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;

    @Inject
    CurrentCaller caller;

    @POST
    @Operation(summary = "Create an API key (the key is shown in this response only)")
    @APIResponse(responseCode = "201", description = "Created; data.key is the API key, shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthApi.CreatedKeyEnvelope.class)))
    public Uni<Response> create(CreateKeyRequest body) {
        if (body == null) {
            throw ApiException.badRequest("missing_name", "name is required.", "name");
        }
        return keys.create(caller.get(), body.name(), body.expiresInDays(), body.scopes(), body.models())
                .map(c -> Response.status(201).entity(DataEnvelope.of(CreatedKey.of(c.key(), c.secret()))).build());
    }

    @GET
    @Operation(summary = "List the caller's API keys, newest first (never the keys themselves)")
    public Uni<ListEnvelope<KeyView>> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Page page = Page.of(limit, offset);
        return keys.list(caller.get(), page).map(l -> l.map(KeyView::of));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key; it stays listed with is_active false")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<Response> delete(@PathParam("id") String id) {
        return keys.revoke(caller.get(), id).map(found -> {
            if (!found) {
                throw ApiException.notFound("api_key_not_found", "No such API key.");
            }
            return Response.noContent().build();
        });
    }
}
