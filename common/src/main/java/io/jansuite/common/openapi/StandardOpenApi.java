package io.jansuite.common.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Makes every service's OpenAPI document tell the same truth about what the shared filters do: the error
 * envelope on every operation, both credential schemes (none on the service's public paths, the same
 * {@code app.auth.public-paths} the credential filter uses), no internal routes, and a summary everywhere.
 */
public class StandardOpenApi implements OASFilter {

    static final String ERROR_SCHEMA = "ErrorEnvelope";
    private static final Map<String, String> COMMON_ERRORS = Map.of(
            "400", "Invalid request (error.param names the field)",
            "401", "Missing, invalid, expired or revoked credentials",
            "403", "Not allowed (read-only key, admin route)",
            "404", "Not found, or not yours",
            "500", "Unexpected error (no details are disclosed)",
            "503", "A dependency is unavailable");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(StandardOpenApi::allowNullProperties);
        }
        openAPI.getComponents().addSchema(ERROR_SCHEMA, errorSchema());
        openAPI.getComponents().addSecurityScheme("bearer", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An access token from /llm/auth/..., or an API key (sk_...)"));
        openAPI.getComponents().addSecurityScheme("apiKey", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key"));
        openAPI.setSecurity(List.of(
                OASFactory.createSecurityRequirement().addScheme("bearer"),
                OASFactory.createSecurityRequirement().addScheme("apiKey")));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().keySet().stream().filter(p -> p.startsWith("/internal/")).toList()
                .forEach(openAPI.getPaths()::removePathItem);
        List<String> publicPaths = ConfigProvider.getConfig()
                .getOptionalValues("app.auth.public-paths", String.class).orElse(List.of());
        for (Map.Entry<String, PathItem> entry : openAPI.getPaths().getPathItems().entrySet()) {
            boolean open = publicPaths.stream().anyMatch(entry.getKey()::startsWith);
            entry.getValue().getOperations().forEach((method, operation) -> complete(method, entry.getKey(), operation, open));
        }
    }

    private static void complete(PathItem.HttpMethod method, String path, Operation operation, boolean open) {
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(operation.getOperationId() != null ? words(operation.getOperationId()) : method + " " + path);
        }
        if (open) {
            operation.setSecurity(List.<SecurityRequirement>of());
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        for (Map.Entry<String, String> error : COMMON_ERRORS.entrySet()) {
            if (open && error.getKey().matches("401|403")) {
                continue;
            }
            org.eclipse.microprofile.openapi.models.responses.APIResponse response = responses.getAPIResponse(error.getKey());
            if (response == null) {
                response = OASFactory.createAPIResponse().description(error.getValue());
                responses.addAPIResponse(error.getKey(), response);
            }
            if (response.getContent() == null) {
                response.setContent(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema()
                                .ref("#/components/schemas/" + ERROR_SCHEMA))));
            }
        }
    }

    /**
     * The records' fields are written even when they hold no value ({@code "reason": null}), so every field
     * that is not required may be null.
     */
    private static void allowNullProperties(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, property) -> {
            if (required.contains(name)) {
                return;
            }
            if (property.getRef() != null) {
                schema.addProperty(name, OASFactory.createSchema().anyOf(List.of(
                        OASFactory.createSchema().ref(property.getRef()),
                        OASFactory.createSchema().addType(Schema.SchemaType.NULL))));
            } else if (property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)) {
                property.addType(Schema.SchemaType.NULL);
            }
        });
    }

    static String words(String operationId) {
        String spaced = operationId.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static Schema errorSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema body = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .enumeration(List.of("invalid_request_error", "authentication_error", "permission_error",
                                "not_found_error", "conflict_error", "rate_limit_error", "upstream_error",
                                "service_unavailable", "internal_error")))
                .addProperty("code", string)
                .addProperty("message", string)
                .addProperty("param", OASFactory.createSchema().addType(Schema.SchemaType.STRING).addType(Schema.SchemaType.NULL))
                .addProperty("request_id", string)
                .addProperty("details", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT))
                .required(List.of("type", "code", "message", "request_id"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addProperty("error", body)
                .required(List.of("error"));
    }
}
