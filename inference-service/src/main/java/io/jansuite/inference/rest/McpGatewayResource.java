package io.jansuite.inference.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.responses.McpGateway;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The MCP gateway: any MCP client (streamable HTTP transport) reaches the suite's tools with the caller's
 * token or API key. One JSON-RPC message per POST, answered as JSON; there is no server-initiated stream and
 * no session, so GET and DELETE are 405.
 */
@Path("/v1/mcp")
public class McpGatewayResource {

    private static final String ERROR = "#/components/schemas/ErrorEnvelope";

    @Schema(description = "A JSON-RPC 2.0 answer: result, or error {code, message}")
    record JsonRpcAnswer(@Schema(enumeration = "2.0") String jsonrpc, Object id, Object result, Object error) {
    }

    @Inject
    McpGateway gateway;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "MCP (JSON-RPC 2.0): initialize, ping, tools/list, tools/call over the suite's enabled tools")
    @APIResponse(responseCode = "200", description = "The JSON-RPC answer (a result, or an error such as -32602 for an"
            + " unknown tool); a notification (e.g. notifications/initialized) is answered 202 without a body",
            content = @Content(schema = @Schema(implementation = JsonRpcAnswer.class)))
    @APIResponse(responseCode = "401", description = "No valid token or API key",
            content = @Content(schema = @Schema(ref = ERROR)))
    public Uni<Response> mcpMessage(JsonNode message) {
        if (message != null && message.isArray()) {
            throw ApiException.badRequest("jsonrpc_batch_unsupported",
                    "Send one JSON-RPC message per request (MCP streamable HTTP has no batches).", null);
        }
        return gateway.handle(message, caller.get()).map(McpGatewayResource::answer);
    }

    private static Response answer(ObjectNode body) {
        if (body == null) {
            return Response.accepted().build();
        }
        int status = body.has("error") && body.path("id").isNull() ? 400 : 200;
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** Not in the API reference: MCP's own answer for a server without a stream (clients probe it). */
    @GET
    @Operation(hidden = true)
    public Response mcpStream() {
        return Response.status(405).header("Allow", "POST").build();
    }

    /** Not in the API reference: there is no session to end. */
    @DELETE
    @Operation(hidden = true)
    public Response mcpEndSession() {
        return Response.status(405).header("Allow", "POST").build();
    }
}
