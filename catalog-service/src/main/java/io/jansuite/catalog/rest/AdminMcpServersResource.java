package io.jansuite.catalog.rest;

import io.jansuite.catalog.adminapi.Change;
import io.jansuite.catalog.adminapi.McpServerRequests;
import io.jansuite.catalog.api.McpServerView;
import io.jansuite.catalog.api.McpSyncResult;
import io.jansuite.catalog.adminapi.AdminActor;
import io.jansuite.catalog.service.AdminAudit;
import io.jansuite.catalog.service.AdminAudit.Entry;
import io.jansuite.catalog.service.McpServerService;
import io.jansuite.common.api.DataEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;

/** MCP servers, for the admin-service: writes answer with before and after, for the audit log. */
@Path("/internal/admin/mcp-servers")
@Produces(MediaType.APPLICATION_JSON)
public class AdminMcpServersResource {

    private static final String NOT_FOUND = "mcp_server_not_found";

    @Inject
    McpServerService servers;

    @Inject
    AdminAudit audit;

    @GET
        @Operation(summary = "All MCP servers (header names, never their values)")
    public Uni<DataEnvelope<List<McpServerView>>> list() {
        return servers.list().map(DataEnvelope::of);
    }

    @POST
        @ResponseStatus(201)
    @Operation(summary = "Register an MCP server (streamable HTTP); its headers are encrypted at rest")
    public Uni<DataEnvelope<Change<McpServerView>>> create(@HeaderParam(AdminActor.HEADER) String actor,
            @Valid @NotNull McpServerRequests.Create request) {
        return audit.apply(actor, () -> servers.create(request), c -> new Entry("mcp_server.create", "mcp_server",
                List.of(c.after().id()), request.reason(), null, c.after())).map(DataEnvelope::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An MCP server by id or name")
    public Uni<DataEnvelope<McpServerView>> get(@PathParam("id") String id) {
        return servers.get(id).map(s -> DataEnvelope.of(QueryParams.found(s, NOT_FOUND, "No MCP server '" + id + "'.")));
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change an MCP server's url, headers (replaced as a whole) or switch")
    public Uni<DataEnvelope<Change<McpServerView>>> patch(@HeaderParam(AdminActor.HEADER) String actor,
            @PathParam("id") String id, @Valid @NotNull McpServerRequests.Patch request) {
        String action = request.headers() != null ? "mcp_server.update_headers" : "mcp_server.update";
        return audit.apply(actor, () -> servers.patch(id, request), c -> new Entry(action, "mcp_server",
                        List.of(c.after().id()), request.reason(), c.before(), c.after()))
                .map(c -> DataEnvelope.of(QueryParams.found(c, NOT_FOUND, "No MCP server '" + id + "'.")));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an MCP server with its tools")
    public Uni<DataEnvelope<Change<McpServerView>>> delete(@HeaderParam(AdminActor.HEADER) String actor,
            @PathParam("id") String id, @QueryParam("reason") @Size(max = 1000) String reason) {
        return audit.apply(actor, () -> servers.delete(id), c -> new Entry("mcp_server.delete", "mcp_server",
                        List.of(c.before().id()), reason, c.before(), null))
                .map(c -> DataEnvelope.of(QueryParams.found(c, NOT_FOUND, "No MCP server '" + id + "'.")));
    }

    @POST
    @Path("/{id}/sync")
    @Operation(summary = "Import the server's tools/list into the tool registry")
    public Uni<DataEnvelope<McpSyncResult>> sync(@HeaderParam(AdminActor.HEADER) String actor,
            @PathParam("id") String id, @QueryParam("reason") @Size(max = 1000) String reason) {
        return audit.apply(actor, () -> servers.sync(id), r -> new Entry("mcp_server.sync", "mcp_server",
                        List.of(r.serverId()), reason, null, Map.of("added", r.added(), "removed", r.removed(),
                                "tools", r.tools().stream().map(t -> t.name()).toList())))
                .map(r -> DataEnvelope.of(QueryParams.found(r, NOT_FOUND, "No MCP server '" + id + "'.")));
    }
}
