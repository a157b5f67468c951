package io.jansuite.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.auth.service.SettingsService;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The caller's settings. */
@Path("/v1/users/me/settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    @Inject
    SettingsService settings;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "The caller's settings, with defaults for what was never set")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthApi.SettingsEnvelope.class)))
    public Uni<DataEnvelope<Map<String, Object>>> get() {
        return settings.get(caller.get().userId()).map(SettingsResource::envelope);
    }

    @PATCH
    @Operation(summary = "Change some settings; fields left out keep their values")
    @APIResponse(responseCode = "200", description = "The settings after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthApi.SettingsEnvelope.class)))
    public Uni<DataEnvelope<Map<String, Object>>> patch(
            @RequestBody(description = "The sections and fields to change (a null resets a field to its default)",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AuthApi.SettingsView.class))) JsonNode body) {
        return settings.patch(caller.get().userId(), body).map(SettingsResource::envelope);
    }

    private static DataEnvelope<Map<String, Object>> envelope(SettingsService.View view) {
        Map<String, Object> data = new LinkedHashMap<>(view.sections());
        data.put("updated_at", view.updatedAt());
        return DataEnvelope.of(data);
    }
}
