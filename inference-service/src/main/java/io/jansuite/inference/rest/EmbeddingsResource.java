package io.jansuite.inference.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.http.RequestIds;
import io.jansuite.inference.service.EmbeddingsService;
import io.jansuite.inference.service.Reply;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

/** {@code POST /v1/embeddings}, OpenAI-compatible. */
@Path("/v1/embeddings")
public class EmbeddingsResource {

    private static final String ERROR = "#/components/schemas/ErrorEnvelope";

    @Inject
    EmbeddingsService embeddings;

    @Inject
    CurrentCaller caller;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create embeddings for one input or a list of inputs (OpenAI's request and answer)")
    @APIResponse(responseCode = "200", description = "The embedding list, vectors as floats or base64",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GatewayDocs.EmbeddingList.class)))
    @APIResponse(responseCode = "403", description = "model_not_allowed: this API key is limited to other models",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "429", description = "quota_exceeded, budget_exceeded (the caller's quotas and budgets) or"
            + " rate_limit_exceeded (the model's); see Retry-After and X-RateLimit-*",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "404", description = "model_not_found",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "502", description = "Every upstream failed, after retries and failover",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    public RestMulti<Buffer> create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GatewayDocs.EmbeddingsRequest.class))) ObjectNode body) {
        String requestId = RequestIds.current();
        return Replies.send(() -> embeddings.create(body, caller.get(), requestId), e -> Reply.error(e, requestId, json));
    }
}
