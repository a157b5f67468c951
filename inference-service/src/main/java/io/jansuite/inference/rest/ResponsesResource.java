package io.jansuite.inference.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.http.RequestIds;
import io.jansuite.inference.responses.ResponseService;
import io.jansuite.inference.responses.StoredResponses;
import io.jansuite.inference.service.Reply;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * OpenAI's Responses API: {@code POST /v1/responses} (whole, streamed or in the background) and the caller's
 * stored responses. Answers are OpenAI's raw objects, not the suite's data envelope, as OpenAI clients expect.
 */
@Path("/v1/responses")
public class ResponsesResource {

    private static final String ERROR = "#/components/schemas/ErrorEnvelope";

    @Inject
    ResponseService responses;

    @Inject
    StoredResponses stored;

    @Inject
    CurrentCaller caller;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a response; with stream=true a server-sent event stream of response.* events")
    @APIResponse(responseCode = "200", description = "The response object, or with stream=true its events", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponseDocs.Response.class)),
        @Content(mediaType = "text/event-stream", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", description = "Unknown model or previous_response_id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "429", description = "quota_exceeded or budget_exceeded (the caller's quotas and budgets), rate_limit_exceeded (the model's); see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "502", description = "Every upstream failed before the response started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    public RestMulti<Buffer> create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseDocs.CreateResponse.class))) ObjectNode body) {
        String requestId = RequestIds.current();
        return Replies.send(() -> responses.create(body, caller.get(), requestId), e -> Reply.error(e, requestId, json));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retrieve one of your stored responses")
    @APIResponse(responseCode = "200", description = "The response object",
            content = @Content(schema = @Schema(implementation = ResponseDocs.Response.class)))
    @APIResponse(responseCode = "404", description = "No such response of yours",
            content = @Content(schema = @Schema(ref = ERROR)))
    public Uni<ObjectNode> get(@PathParam("id") String id) {
        return stored.get(id, caller.get()).map(r -> found(r, id));
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @Operation(summary = "Delete one of your stored responses")
    @APIResponse(responseCode = "200", description = "Deleted",
            content = @Content(schema = @Schema(implementation = ResponseDocs.Deleted.class)))
    @APIResponse(responseCode = "404", description = "No such response of yours",
            content = @Content(schema = @Schema(ref = ERROR)))
    public Uni<ObjectNode> delete(@PathParam("id") String id) {
        return stored.delete(id, caller.get()).map(r -> found(r, id));
    }

    @GET
    @Path("/{id}/input_items")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The input items of one of your stored responses (order desc by default)")
    @APIResponse(responseCode = "200", description = "A list of items",
            content = @Content(schema = @Schema(implementation = ResponseDocs.InputItemList.class)))
    @APIResponse(responseCode = "404", description = "No such response of yours",
            content = @Content(schema = @Schema(ref = ERROR)))
    public Uni<ObjectNode> inputItems(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("order") @DefaultValue("desc") String order, @QueryParam("after") String after) {
        return stored.inputItems(id, caller.get(), limit, order, after).map(r -> found(r, id));
    }

    @POST
    @Path("/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel one of your background responses that is still queued or in progress")
    @APIResponse(responseCode = "200", description = "The response object, status cancelled (or as it ended)",
            content = @Content(schema = @Schema(implementation = ResponseDocs.Response.class)))
    @APIResponse(responseCode = "400", description = "Not a background response",
            content = @Content(schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "404", description = "No such response of yours",
            content = @Content(schema = @Schema(ref = ERROR)))
    public Uni<ObjectNode> cancel(@PathParam("id") String id) {
        return stored.cancel(id, caller.get()).map(r -> found(r, id));
    }

    private static ObjectNode found(ObjectNode response, String id) {
        if (response == null) {
            throw ApiException.notFound("response_not_found", "No response " + id + ".");
        }
        return response;
    }
}
