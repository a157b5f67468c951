package io.jansuite.inference.neighbour;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A user's advanced settings ({@code web_search_enabled}, {@code code_execution_enabled}), read from the
 * auth-service's public {@code GET /v1/users/me/settings} with the user's own credential: the route every
 * client uses, so no internal route, key pair or second copy of the settings. Read once per response or MCP
 * request that offers a tool a setting governs. When they cannot be read, every setting counts as off (a
 * governed tool is then not offered), and that is logged.
 */
@ApplicationScoped
public class UserSettings {

    private static final Logger LOG = Logger.getLogger(UserSettings.class);

    @RestClient
    UserSettingsApi client;

    /** The advanced settings by name (booleans only); empty when they could not be read. */
    public Uni<Map<String, Boolean>> advanced(String authorization) {
        return client.settings(authorization).ifNoItem().after(Duration.ofSeconds(5)).fail()
                .map(body -> {
                    Map<String, Boolean> out = new java.util.HashMap<>();
                    body.path("data").path("advanced_settings").fields().forEachRemaining(e -> {
                        if (e.getValue().isBoolean()) {
                            out.put(e.getKey(), e.getValue().asBoolean());
                        }
                    });
                    return out;
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("user settings unavailable (governed tools are off for this request): %s", e.toString());
                    return Map.of();
                });
    }
}
