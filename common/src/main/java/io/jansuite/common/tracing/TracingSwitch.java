package io.jansuite.common.tracing;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The one setting that turns tracing on: {@code OTEL_EXPORTER_OTLP_ENDPOINT} (OTLP over HTTP, e.g.
 * {@code http://collector:4318}). When it is set (and not blank) the OpenTelemetry SDK runs and exports there;
 * otherwise {@code quarkus.otel.sdk.disabled} is true and the SDK never starts (no exporter, no threads).
 * {@code quarkus.otel.sdk.disabled} is a runtime property, so the same packaged jar does either.
 *
 * <p>Ordinal 200: above the shared defaults (microprofile-config.properties, 100), below a service's
 * application.properties (250, where a test profile may force it), environment variables (300) and system
 * properties (400), so {@code QUARKUS_OTEL_SDK_DISABLED} still overrides it.
 */
public final class TracingSwitch implements ConfigSource {

    public static final String ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";

    private final boolean enabled;

    public TracingSwitch() {
        this(System.getenv());
    }

    TracingSwitch(Map<String, String> environment) {
        this.enabled = enabled(environment);
    }

    /** Whether this environment asks for traces to be exported. */
    public static boolean enabled(Map<String, String> environment) {
        String endpoint = environment.get(ENDPOINT_VARIABLE);
        return endpoint != null && !endpoint.isBlank();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(SDK_DISABLED, String.valueOf(!enabled));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(SDK_DISABLED);
    }

    @Override
    public String getValue(String propertyName) {
        return SDK_DISABLED.equals(propertyName) ? String.valueOf(!enabled) : null;
    }

    @Override
    public String getName() {
        return "jansuite-tracing-switch";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
