package io.jansuite.admin.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.catalog.adminapi.McpServerRequests;
import io.jansuite.admin.service.McpServerAdmin;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.http.RequestIds;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;

/** MCP servers (streamable HTTP), for admins: header values are write-only; sync fills the tool registry. */
@Path("/v1/admin/mcp-servers")
@Produces(MediaType.APPLICATION_JSON)
public class AdminMcpServersResource {

    @Inject
    McpServerAdmin servers;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "All MCP servers (header_names, never the header values)")
    public Uni<DataEnvelope<JsonNode>> list() {
        return servers.list().map(DataEnvelope::of);
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Register an MCP server {name, url, headers?, enabled}; headers are encrypted at rest")
    public Uni<DataEnvelope<JsonNode>> create(@Valid @NotNull McpServerRequests.Create request) {
        return servers.create(caller.get(), request).map(DataEnvelope::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An MCP server by id or name")
    public Uni<DataEnvelope<JsonNode>> get(@PathParam("id") String id) {
        return servers.get(id).map(DataEnvelope::of);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change an MCP server's url, headers (replaced whole; {} removes them) or enabled")
    public Uni<DataEnvelope<JsonNode>> patch(@PathParam("id") String id, @Valid @NotNull McpServerRequests.Patch request) {
        return servers.patch(caller.get(), id, request).map(DataEnvelope::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an MCP server with its tools")
    public Uni<Void> delete(@PathParam("id") String id, @QueryParam("reason") String reason) {
        return servers.delete(caller.get(), id, reason);
    }

    @POST
    @Path("/{id}/sync")
    @Operation(summary = "Import the server's tools/list into the registry GET /v1/admin/mcp-tools lists")
    public Uni<DataEnvelope<JsonNode>> sync(@PathParam("id") String id, @QueryParam("reason") String reason) {
        return servers.sync(caller.get(), id, reason).map(DataEnvelope::of);
    }
}
