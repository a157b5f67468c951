package io.jansuite.catalog.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.catalog.CatalogState;
import io.jansuite.catalog.Provider;
import io.jansuite.catalog.service.CatalogVersion;
import io.jansuite.catalog.service.ModelImporter.Seed;
import io.jansuite.catalog.service.ModelImporter;
import io.jansuite.catalog.service.ProviderKeyCipher;
import io.jansuite.common.http.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * At start-up: the simulator provider with the examples page's models (once: the marker in catalog_state
 * makes later starts leave an admin's changes alone), and the providers of {@code app.providers} (created
 * when no provider of that name exists; an existing one is left as the admins keep it).
 */
@ApplicationScoped
public class CatalogBootstrap {

    private static final Logger LOG = Logger.getLogger(CatalogBootstrap.class);

    static final List<Seed> SIMULATED = List.of(
            new Seed("jan-v2-30b", "Jan v2 30B", 131072, List.of("chat", "tools", "browser", "reasoning")),
            new Seed("gpt-4o-mini", "GPT-4o mini", 128000, List.of("chat", "tools", "vision")),
            new Seed("gpt-4o", "GPT-4o", 128000, List.of("chat", "tools", "vision")),
            new Seed("claude-3-5-sonnet-20241022", "Claude 3.5 Sonnet", 200000, List.of("chat", "tools", "vision")),
            new Seed("text-embedding-3-small", "Text Embedding 3 Small", 8191, List.of("embeddings")));

    /** One provider of {@code app.providers}. */
    public record ConfiguredProvider(String name, String type, String baseUrl, String apiKey, Boolean enabled,
            Map<String, Object> settings, List<Object> models) {
    }

    @Inject
    CatalogConfig config;

    @Inject
    ModelImporter importer;

    @Inject
    ProviderKeyCipher cipher;

    @Inject
    CatalogVersion version;

    @Inject
    ObjectMapper json;

    void onStart(@Observes StartupEvent event) throws Throwable {
        apply();
    }

    /** Idempotent: what exists is left as it is. Blocks: call at start-up, never on an event loop. */
    public void apply() throws Throwable {
        List<ConfiguredProvider> configured = parse();
        if (!config.bootstrap().simulator() && configured.isEmpty()) {
            return;
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> CatalogState
                .<CatalogState>findById(CatalogState.ROW, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(state -> seedSimulator(state).replaceWith(state))
                .call(state -> seedConfigured(configured))));
    }

    private Uni<Void> seedSimulator(CatalogState state) {
        if (!config.bootstrap().simulator() || state.simulatorSeeded) {
            return Uni.createFrom().voidItem();
        }
        state.simulatorSeeded = true;
        Map<String, Object> settings = new HashMap<>(Map.of("ttft_ms", 150, "tpot_ms", 15, "failure_rate", 0.0));
        return ensureProvider(Provider.SIMULATOR, Provider.SIMULATOR, null, null, true, settings, SIMULATED)
                .invoke(() -> LOG.info("seeded the simulator provider and the examples' models"));
    }

    private Uni<Void> seedConfigured(List<ConfiguredProvider> configured) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConfiguredProvider c : configured) {
            List<Seed> seeds = c.models() == null ? List.of() : c.models().stream().map(CatalogBootstrap::seed).toList();
            chain = chain.call(() -> ensureProvider(c.name(), c.type(), c.baseUrl(), c.apiKey(),
                    c.enabled() == null || c.enabled(), c.settings() == null ? new HashMap<>() : c.settings(), seeds));
        }
        return chain;
    }

    private Uni<Void> ensureProvider(String name, String type, String baseUrl, String apiKey, boolean enabled,
            Map<String, Object> settings, List<Seed> seeds) {
        return Provider.<Provider>find("name", name).firstResult().flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now();
            Provider p = new Provider();
            p.id = Ids.next("prov");
            p.name = name;
            p.type = type;
            p.baseUrl = baseUrl;
            p.apiKeyEncrypted = apiKey == null || apiKey.isBlank() ? null : cipher.encrypt(apiKey);
            p.enabled = enabled;
            p.settings = new HashMap<>(settings);
            p.createdAt = now;
            p.updatedAt = now;
            Uni<Void> chain = p.persist().call(Panache::flush).replaceWithVoid();
            for (Seed seed : seeds) {
                chain = chain.call(() -> importer.importModel(p, seed));
            }
            return chain.call(version::bump).replaceWithVoid();
        });
    }

    @SuppressWarnings("unchecked")
    private static Seed seed(Object model) {
        if (model instanceof String id) {
            return new Seed(id, id, null, List.of());
        }
        Map<String, Object> m = (Map<String, Object>) model;
        String id = String.valueOf(m.get("model_id") != null ? m.get("model_id") : m.get("id"));
        Object window = m.get("context_window");
        return new Seed(id, m.get("name") == null ? id : String.valueOf(m.get("name")),
                window instanceof Number n ? n.intValue() : null,
                m.get("capabilities") instanceof List<?> caps ? (List<String>) caps : List.of());
    }

    private List<ConfiguredProvider> parse() {
        if (config.providers().isEmpty() || config.providers().get().isBlank()) {
            return List.of();
        }
        List<ConfiguredProvider> providers;
        try {
            providers = json.readValue(config.providers().get(), new TypeReference<List<ConfiguredProvider>>() {
            });
        } catch (Exception e) {
            // Not the parser's message: it may quote a key.
            throw new IllegalStateException("app.providers (PROVIDERS_JSON) is not a valid JSON list of providers");
        }
        for (int i = 0; i < providers.size(); i++) {
            ConfiguredProvider p = providers.get(i);
            if (p.name() == null || p.name().isBlank() || p.type() == null
                    || !List.of("openai", "anthropic", "simulator").contains(p.type())) {
                throw new IllegalStateException("app.providers[" + i + "] needs a name and a type of openai, anthropic or simulator");
            }
        }
        return providers;
    }
}
