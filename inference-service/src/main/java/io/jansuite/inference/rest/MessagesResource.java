package io.jansuite.inference.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.http.RequestIds;
import io.jansuite.inference.service.MessagesService;
import io.jansuite.inference.service.Reply;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, {@code POST /v1/messages/count_tokens}) for the
 * Anthropic SDKs and Claude Code. They send the API key as {@code x-api-key}, which the shared credential
 * filter reads; {@code anthropic-version} is accepted (one version of the API is spoken).
 */
@Path("/v1/messages")
public class MessagesResource {

    private static final String ERROR = "#/components/schemas/ErrorEnvelope";

    @Inject
    MessagesService messages;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a message (Anthropic's Messages API) with any model of the catalog; with stream=true "
            + "an event stream of message_start, content_block_start/delta/stop, message_delta and message_stop")
    @APIResponse(responseCode = "200", description = "The message, or with stream=true Anthropic's event stream", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GatewayDocs.Message.class)),
        @Content(mediaType = "text/event-stream", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "403", description = "model_not_allowed: this API key is limited to other models",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "429", description = "quota_exceeded, budget_exceeded (the caller's quotas and budgets) or"
            + " rate_limit_exceeded (the model's); see Retry-After and X-RateLimit-*",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "404", description = "model_not_found",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "502", description = "Every upstream failed, after retries and failover",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    public RestMulti<Buffer> create(
            @Parameter(description = "Accepted and ignored") @HeaderParam("anthropic-version") String version,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GatewayDocs.MessagesRequest.class))) ObjectNode body) {
        String requestId = RequestIds.current();
        return answer(() -> messages.create(body, caller.get(), requestId), requestId);
    }

    @POST
    @Path("/count_tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count a Messages request's input tokens (an estimate: about four characters a token)")
    @APIResponse(responseCode = "200", description = "{input_tokens}", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GatewayDocs.TokenCount.class)))
    @APIResponse(responseCode = "404", description = "model_not_found",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    public RestMulti<Buffer> countTokens(
            @Parameter(description = "Accepted and ignored") @HeaderParam("anthropic-version") String version,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GatewayDocs.MessagesRequest.class))) ObjectNode body) {
        String requestId = RequestIds.current();
        return answer(() -> messages.countTokens(body, caller.get()), requestId);
    }

    private RestMulti<Buffer> answer(Supplier<Uni<Reply>> call, String requestId) {
        return Replies.send(call, e -> messages.errorReply(e, requestId));
    }
}
