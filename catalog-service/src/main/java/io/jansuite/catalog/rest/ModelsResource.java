package io.jansuite.catalog.rest;

import io.jansuite.catalog.adminapi.McpToolView;
import io.jansuite.catalog.api.PublicModels;
import io.jansuite.catalog.service.PublicCatalog;
import io.jansuite.catalog.service.McpToolService;
import io.jansuite.common.api.DataEnvelope;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The models and tools any signed-in user may see. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    @Inject
    PublicCatalog catalog;

    @Inject
    McpToolService tools;

    @GET
    @Path("/models")
    @Operation(summary = "The enabled models, as OpenAI lists them (no envelope)")
    public Uni<PublicModels.ModelList> models() {
        return catalog.publicModels();
    }

    @GET
    @Path("/models/catalogs")
    @Operation(summary = "The enabled models with name, provider, capabilities and context window")
    public Uni<DataEnvelope<List<PublicModels.Catalog>>> catalogs(@QueryParam("capability") String capability) {
        return catalog.publicCatalogs(capability).map(DataEnvelope::of);
    }

    @GET
    @Path("/mcp-tools")
    @Operation(summary = "The enabled MCP tools")
    public Uni<DataEnvelope<List<McpToolView>>> mcpTools() {
        return tools.list(true).map(DataEnvelope::of);
    }
}
