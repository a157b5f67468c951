package io.jansuite.catalog.rest;

import io.jansuite.catalog.adminapi.McpToolView;
import io.jansuite.catalog.api.PublicModels;
import io.jansuite.catalog.service.PublicCatalog;
import io.jansuite.catalog.service.McpToolService;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The models and tools any signed-in user may see. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    @Inject
    PublicCatalog catalog;

    @Inject
    McpToolService tools;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/models")
    @Operation(summary = "The enabled models the caller may use, as OpenAI lists them (no envelope)")
    public Uni<PublicModels.ModelList> models() {
        return catalog.publicModels(caller.get());
    }

    @GET
    @Path("/models/catalogs")
    @Operation(summary = "The enabled models with name, provider, capabilities and context window")
    public Uni<DataEnvelope<List<PublicModels.Catalog>>> catalogs(@QueryParam("capability") String capability) {
        return catalog.publicCatalogs(caller.get(), capability).map(DataEnvelope::of);
    }

    /** Ids may hold slashes ({@code org/model}), as upstream model names often do. */
    @GET
    @Path("/models/{id: .+}")
    @Operation(summary = "One enabled model the caller may use, as OpenAI returns it (no envelope)")
    @APIResponse(responseCode = "200", description = "The model object",
            content = @Content(schema = @Schema(implementation = PublicModels.Model.class)))
    @APIResponse(responseCode = "404", description = "model_not_found: unknown, disabled, or not allowed for this API key",
            content = @Content(schema = @Schema(ref = "#/components/schemas/ErrorEnvelope")))
    public Uni<PublicModels.Model> model(@PathParam("id") String id) {
        return catalog.publicModel(caller.get(), id).map(model -> {
            if (model == null) {
                throw ApiException.notFound("model_not_found", "The model '" + id + "' does not exist.");
            }
            return model;
        });
    }

    @GET
    @Path("/mcp-tools")
    @Operation(summary = "The enabled MCP tools")
    public Uni<DataEnvelope<List<McpToolView>>> mcpTools() {
        return tools.list(true).map(DataEnvelope::of);
    }
}
