package io.jansuite.catalog.adminapi;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Request bodies of the admin API: the admin-service validates them at its public routes and forwards them as
 * they are; the catalog-service validates them again at its internal ones. Every write has an optional
 * {@code reason}, which goes to the audit log and nowhere else.
 */
public final class AdminRequests {

    private AdminRequests() {
    }

    public record ProviderModelPatch(Boolean enabled,
            @DecimalMin("0.0") @DecimalMax("2.0") Double defaultTemperature,
            @Valid RateLimitPatch rateLimit,
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
            @Min(1) Integer contextWindow,
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> capabilities,
            @Size(max = 1000) String reason,
            @Valid PricingPatch pricing) {
    }

    public record RateLimitPatch(@Min(1) Integer requestsPerMinute) {
    }

    /** USD per million tokens; a field left out keeps its value. At most 6 decimals (a millionth of a dollar). */
    public record PricingPatch(
            @DecimalMin("0.0") @DecimalMax("100000.0") @Digits(integer = 6, fraction = 6) BigDecimal inputPerMillionUsd,
            @DecimalMin("0.0") @DecimalMax("100000.0") @Digits(integer = 6, fraction = 6) BigDecimal outputPerMillionUsd) {
    }

    public record ModelToggle(@NotNull @Size(max = 500) List<@NotBlank String> modelIds, @NotNull Boolean enabled,
            @Size(max = 1000) String reason) {
    }

    public record CatalogToggle(@NotNull @Size(max = 500) List<@NotBlank String> catalogIds, @NotNull Boolean enabled,
            @Size(max = 1000) String reason) {
    }

    /** A public model: its id is what clients name; {@code models} are pmdl_ ids in priority order. */
    public record CatalogCreate(
            @NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/@+-]*", message = "may hold letters, digits and . _ : / @ + -") String publicId,
            @Size(max = 200) String name,
            Boolean enabled,
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> capabilities,
            @Min(1) Integer contextWindow,
            @NotNull @Size(min = 1, max = 50) List<@NotBlank String> models,
            @Size(max = 1000) String reason) {
    }

    /** Fields left out keep their values; {@code models} replaces the serving provider models, in priority order. */
    public record CatalogPatch(@Size(min = 1, max = 200) String name,
            Boolean enabled,
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> capabilities,
            @Min(1) Integer contextWindow,
            @Size(max = 50) List<@NotBlank String> models,
            @Size(max = 1000) String reason) {
    }

    public record ProviderCreate(@NotBlank @Size(max = 100) String name,
            @NotBlank @Pattern(regexp = "openai|anthropic|simulator", message = "must be openai, anthropic or simulator") String type,
            @Size(max = 2000) String baseUrl,
            @Size(max = 4000) String apiKey,
            Boolean enabled,
            Map<String, Object> settings,
            @Valid List<ModelSeed> models,
            @Size(max = 1000) String reason) {

        @Override
        public String toString() {
            return "ProviderCreate[" + name + ", " + type + "]";
        }
    }

    /** A provider model to create with its provider, without asking the upstream (as the configuration bootstrap does). */
    public record ModelSeed(@NotBlank String modelId, String name, Integer contextWindow, List<String> capabilities) {
    }

    public record ProviderPatch(@Size(min = 1, max = 100) String name,
            @Size(max = 2000) String baseUrl,
            @Size(max = 4000) String apiKey,
            Boolean enabled,
            Map<String, Object> settings,
            @Size(max = 1000) String reason) {

        @Override
        public String toString() {
            return "ProviderPatch[" + name + "]";
        }
    }

    /** {@code enabled} or its alias {@code is_active}; a content filter replaces the stored one field by field. */
    public record McpToolPatch(Boolean enabled, Boolean isActive, Map<String, Object> contentFilter,
            @Size(max = 1000) String reason) {
    }
}
