package io.jansuite.catalog.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.catalog.config.CatalogConfig;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads an upstream's model list: {@code GET {base_url}/models}, with the OpenAI or Anthropic headers. A plain
 * Vert.x client on purpose: nothing of the suite's own headers may reach a provider.
 */
@ApplicationScoped
public class UpstreamModels {

    private static final Logger LOG = Logger.getLogger(UpstreamModels.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Vertx vertx;

    @Inject
    CatalogConfig config;

    private HttpClient http;

    @PostConstruct
    void init() {
        http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.sync().connectTimeout().toMillis()));
    }

    /** The upstream model ids, in the upstream's order. */
    public Uni<List<String>> list(String type, String baseUrl, String apiKey) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return Uni.createFrom().failure(ApiException.badRequest("missing_base_url",
                    "This provider has no base_url to sync from.", "base_url"));
        }
        // Anthropic pages its list (20 by default); one page of its maximum covers every model it has.
        String url = baseUrl.replaceAll("/+$", "") + "/models" + ("anthropic".equals(type) ? "?limit=1000" : "");
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .putHeader("Accept", "application/json");
        if (apiKey != null) {
            if ("anthropic".equals(type)) {
                options.putHeader("x-api-key", apiKey).putHeader("anthropic-version", "2023-06-01");
            } else {
                options.putHeader("Authorization", "Bearer " + apiKey);
            }
        }
        return http.request(options)
                .flatMap(request -> request.send())
                .flatMap(response -> response.body().map(body -> parse(response, body, url)))
                .ifNoItem().after(config.sync().modelsTimeout()).failWith(() -> upstream(504, "upstream_timeout", "The provider did not answer in time."))
                .onFailure(f -> !(f instanceof ApiException)).transform(f -> {
                    LOG.warnf("sync from %s failed: %s", url, f.getMessage());
                    return upstream(502, "upstream_unreachable", "The provider could not be reached.");
                });
    }

    private static List<String> parse(HttpClientResponse response, Buffer body, String url) {
        if (response.statusCode() / 100 != 2) {
            LOG.warnf("sync from %s: HTTP %d", url, response.statusCode());
            throw upstream(502, "upstream_error", "The provider answered HTTP " + response.statusCode() + " to GET /models.");
        }
        try {
            List<String> ids = new ArrayList<>();
            for (JsonNode model : JSON.readTree(body.getBytes()).path("data")) {
                if (model.path("id").isTextual() && !model.path("id").asText().isBlank()) {
                    ids.add(model.path("id").asText());
                }
            }
            return ids;
        } catch (IOException | RuntimeException e) {
            throw upstream(502, "upstream_invalid_response", "The provider's model list is not valid JSON.");
        }
    }

    private static ApiException upstream(int status, String code, String message) {
        return new ApiException(status, code, message, null);
    }
}
