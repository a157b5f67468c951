package io.jansuite.deploy.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each service calls and reads, from its configuration (common's microprofile-config.properties under
 * its own application.properties, production keys only): the neighbours of its REST clients
 * ({@code quarkus.rest-client.<peer>.url}), whether it uses Redis ({@code app.redis.url}) and PostgreSQL
 * (a datasource URL), and the environment variables it reads ({@code ${NAME}} / {@code ${NAME:default}}).
 */
final class CallGraph {

    /** The services that call model providers at addresses stored in the catalog (not in configuration). */
    static final Set<String> PROVIDER_CALLERS = Set.of("inference-service", "catalog-service");

    private static final Pattern REST_CLIENT_URL = Pattern.compile("quarkus\\.rest-client\\.([a-z-]+)\\.url");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    record Service(String name, Set<String> calls, boolean redis, boolean postgres, Set<String> reads) {
    }

    private CallGraph() {
    }

    static Map<String, Service> of(Path root, Set<String> services) {
        Properties common = load(root.resolve("common/src/main/resources/META-INF/microprofile-config.properties"));
        Map<String, Service> graph = new LinkedHashMap<>();
        for (String name : services) {
            Properties config = new Properties();
            config.putAll(common);
            config.putAll(load(root.resolve(name).resolve("src/main/resources/application.properties")));
            Set<String> calls = new TreeSet<>();
            Set<String> reads = new TreeSet<>();
            for (String key : config.stringPropertyNames()) {
                if (key.startsWith("%")) {
                    continue; // a test or dev profile
                }
                Matcher client = REST_CLIENT_URL.matcher(key);
                if (client.matches()) {
                    calls.add(client.group(1) + "-service");
                }
                Matcher env = ENV_REFERENCE.matcher(config.getProperty(key));
                while (env.find()) {
                    reads.add(env.group(1));
                }
            }
            boolean postgres = config.containsKey("quarkus.datasource.reactive.url") || config.containsKey("quarkus.datasource.jdbc.url");
            graph.put(name, new Service(name, calls, config.containsKey("app.redis.url"), postgres, reads));
        }
        return graph;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
