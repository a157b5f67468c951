package io.jansuite.inference.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.http.RequestIds;
import io.jansuite.inference.service.CompletionService;
import io.jansuite.inference.service.Reply;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible. One route answers both JSON and SSE, so status,
 * headers and body are decided at run time (a {@link RestMulti}); it stays a REST resource, so the shared
 * credential filter authenticates it like every other route.
 */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    private static final String ERROR = "#/components/schemas/ErrorEnvelope";

    @Inject
    CompletionService completions;

    @Inject
    CurrentCaller caller;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a chat completion; with stream=true the answer is a server-sent event stream")
    @APIResponse(responseCode = "200", description = "The completion: a chat.completion object, or with stream=true "
            + "an event stream of data: {chat.completion.chunk} lines ending with data: [DONE]", content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ChatCompletionDocs.ChatCompletion.class)),
                @Content(mediaType = "text/event-stream", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "429", description = "quota_exceeded or budget_exceeded (the caller's quotas and budgets), rate_limit_exceeded (the model's); see Retry-After and X-RateLimit-*",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "502", description = "Every upstream failed, after retries and failover",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "504", description = "The upstream did not answer in time",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    public RestMulti<Buffer> create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChatCompletionDocs.ChatCompletionRequest.class))) ObjectNode body) {
        String requestId = RequestIds.current();
        return Replies.send(() -> completions.complete(body, caller.get(), requestId), e -> Reply.error(e, requestId, json));
    }
}
