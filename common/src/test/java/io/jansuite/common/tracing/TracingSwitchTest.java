package io.jansuite.common.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** OTEL_EXPORTER_OTLP_ENDPOINT alone decides whether the OpenTelemetry SDK runs (a runtime property). */
class TracingSwitchTest {

    @Test
    void theSdkIsOffUnlessAnEndpointIsSet() {
        assertEquals("true", new TracingSwitch(Map.of()).getValue("quarkus.otel.sdk.disabled"));
        assertEquals("true", new TracingSwitch(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "  ")).getValue("quarkus.otel.sdk.disabled"));
        assertEquals("false", new TracingSwitch(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))
                .getValue("quarkus.otel.sdk.disabled"));
        assertEquals(null, new TracingSwitch(Map.of()).getValue("quarkus.otel.enabled"), "build-time switches are left alone");
    }

    @Test
    void aServicesOwnPropertiesAndTheEnvironmentStillWin() {
        int ordinal = new TracingSwitch(Map.of()).getOrdinal();
        assertTrue(ordinal > 100 && ordinal < 250, "above the shared defaults, below application.properties: " + ordinal);
        assertTrue(ServiceLoader.load(ConfigSource.class).stream().anyMatch(p -> p.type() == TracingSwitch.class),
                "registered for Quarkus to find at runtime");
    }
}
