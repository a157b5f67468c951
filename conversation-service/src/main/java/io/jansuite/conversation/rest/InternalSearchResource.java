package io.jansuite.conversation.rest;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.error.ApiException;
import io.jansuite.conversation.service.SearchService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * For the inference-service's built-in {@code conversation_search} tool: the caller's own messages that contain
 * a text. The user's credential comes along (as for the messages route), so only their conversations match.
 */
@Path("/internal/conversations/search")
public class InternalSearchResource {

    @Inject
    CurrentCaller caller;

    @Inject
    SearchService search;

    @GET
    @Operation(summary = "The caller's own messages containing q (case-insensitive), newest first")
    public Uni<DataEnvelope<List<SearchService.Match>>> search(@QueryParam("q") String q,
            @QueryParam("limit") @DefaultValue("10") int limit) {
        Caller c = caller.get();
        if (c == null) {
            throw ApiException.unauthorized("missing_credentials", "Forward the user's credential.");
        }
        return search.search(c.userId(), q, limit).map(DataEnvelope::of);
    }
}
