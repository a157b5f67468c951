package io.jansuite.admin.client;

import io.jansuite.common.error.ApiException;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;

/** Turns a neighbour's error envelope back into an {@link ApiException}; its 5xx becomes our 502. */
final class UpstreamErrors {

    private static final Logger LOG = Logger.getLogger(UpstreamErrors.class);

    private UpstreamErrors() {
    }

    static RuntimeException from(String service, Response response) {
        int status = response.getStatus();
        JsonObject error = null;
        try {
            String body = response.readEntity(String.class);
            error = body == null || body.isBlank() ? null : new JsonObject(body).getJsonObject("error");
        } catch (RuntimeException ignored) {
            // not an envelope: answered below without it
        }
        if (status >= 500 || status == 401 || status == 403 || error == null) {
            LOG.warnf("%s answered HTTP %d%s", service, status, error == null ? "" : " (" + error.getString("code") + ")");
            if (status == 502 || status == 504) {
                return new ApiException(status, error == null ? "upstream_error" : error.getString("code"),
                        error == null ? service + " failed." : error.getString("message"), null);
            }
            return new ApiException(502, "dependency_failed", "The " + service + " could not complete the request.", null);
        }
        JsonObject details = error.getJsonObject("details");
        Map<String, Object> detailMap = details == null ? null : details.getMap();
        return new ApiException(status, error.getString("code"), error.getString("message"), error.getString("param"),
                detailMap, null);
    }
}
