package io.jansuite.deploy.k8s;

import static io.jansuite.deploy.k8s.RenderedManifests.at;
import static io.jansuite.deploy.k8s.RenderedManifests.list;
import static io.jansuite.deploy.k8s.RenderedManifests.map;
import static io.jansuite.deploy.k8s.RenderedManifests.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.routes.RouteTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s: each pod gets from Secrets only what it reads (the environment variables its configuration
 * names, {@link CallGraph}), and every service gets the secret values it reads. Rendered by kustomize from the
 * files make-secrets.sh writes (with an admin account, so that every kind of secret is there).
 */
class SecretsPerPodTest {

    /** Redis is no Quarkus service: redis-server reads --requirepass $(REDIS_PASSWORD), redis-cli REDISCLI_AUTH. */
    private static final Map<String, Set<String>> READS_OF_OTHER_PODS = Map.of("redis", Set.of("REDIS_PASSWORD", "REDISCLI_AUTH"));
    private static final Pattern DEPENDENT = Pattern.compile("\\$\\(([A-Z][A-Z0-9_]*)\\)");

    private static Map<String, CallGraph.Service> graph;
    private static Path root;

    /** A value a pod gets from a Secret: how (env, envFrom, file) and under which name. */
    private record Delivery(String pod, String secret, String key, String as) {
    }

    @BeforeAll
    static void readConfiguration() {
        root = Path.of(System.getProperty("jansuite.root", "..")).toAbsolutePath().normalize();
        graph = CallGraph.of(root, RouteTable.load(root.resolve("deploy/routes.tsv")).services().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noPodGetsASecretValueItDoesNotRead(String overlay) throws Exception {
        RenderedManifests rendered = rendered(overlay);
        List<String> unused = new ArrayList<>();
        for (Map<String, Object> d : rendered.ofKind("Deployment")) {
            Set<String> reads = reads(d);
            for (Delivery delivery : deliveries(rendered, d)) {
                if (!reads.contains(delivery.as())) {
                    unused.add(delivery.pod() + " gets " + delivery.secret() + "/" + delivery.key() + " as " + delivery.as());
                }
            }
        }
        assertEquals(List.of(), unused);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceGetsTheSecretValuesItReads(String overlay) throws Exception {
        RenderedManifests rendered = rendered(overlay);
        Set<String> provided = new TreeSet<>();
        Map<String, Set<String>> got = new HashMap<>();
        for (Map<String, Object> d : rendered.ofKind("Deployment")) {
            Set<String> names = new TreeSet<>();
            deliveries(rendered, d).forEach(x -> names.add(x.as()));
            provided.addAll(names);
            got.put(name(d), names);
        }
        List<String> missing = new ArrayList<>();
        for (CallGraph.Service s : graph.values()) {
            for (String read : s.reads()) {
                if (provided.contains(read) && !got.getOrDefault(s.name(), Set.of()).contains(read)) {
                    missing.add(s.name() + " reads " + read + " but gets no Secret with it");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachSecretReachesOnlyThePodsThatNeedIt(String overlay) throws Exception {
        RenderedManifests rendered = rendered(overlay);
        assertEquals(Set.of("catalog-service"), podsGetting(rendered, "PROVIDER_KEY_SECRET"));
        assertEquals(Set.of("auth-service"), podsGetting(rendered, "jwt-private.pem"));
        assertEquals(Set.of("auth-service"), podsGetting(rendered, "ADMIN_PASSWORD"));
        assertEquals(Set.of("inference-service", "catalog-service", "redis"), podsGetting(rendered, "REDIS_PASSWORD"));
        assertEquals(graph.keySet(), podsGetting(rendered, "INTERNAL_SECRET"));
        Map<String, Set<String>> secretsByPod = new HashMap<>();
        for (Map<String, Object> d : rendered.ofKind("Deployment")) {
            for (Delivery delivery : deliveries(rendered, d)) {
                secretsByPod.computeIfAbsent(delivery.secret(), k -> new TreeSet<>()).add(delivery.pod());
            }
        }
        for (String service : graph.keySet()) {
            assertEquals(Set.of(service), secretsByPod.get(service + "-secrets"), "the Secret of " + service + " is its own");
        }
    }

    private static RenderedManifests rendered(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.overlay(root, overlay);
        Assumptions.assumeTrue(rendered.byKustomize, "Secrets and patches are rendered by kustomize only (kubectl)");
        return rendered;
    }

    private static Set<String> podsGetting(RenderedManifests rendered, String key) {
        Set<String> pods = new TreeSet<>();
        for (Map<String, Object> d : rendered.ofKind("Deployment")) {
            deliveries(rendered, d).stream().filter(x -> x.key().equals(key)).forEach(x -> pods.add(x.pod()));
        }
        return pods;
    }

    /**
     * The variables the pod's program reads: its configuration's, and those that a read variable's value
     * refers to as $(NAME) (REDIS_URL carries REDIS_PASSWORD). Files: a mounted key whose path a read variable
     * holds counts as read under its key's name.
     */
    private static Set<String> reads(Map<String, Object> deployment) {
        String pod = name(deployment);
        Set<String> reads = new TreeSet<>(graph.containsKey(pod) ? graph.get(pod).reads() : READS_OF_OTHER_PODS.getOrDefault(pod, Set.of()));
        for (Map<String, Object> c : containers(deployment)) {
            for (Map<String, Object> env : list(c, "env")) {
                if (reads.contains(env.get("name").toString()) && env.get("value") != null) {
                    Matcher m = DEPENDENT.matcher(env.get("value").toString());
                    while (m.find()) {
                        reads.add(m.group(1));
                    }
                }
            }
        }
        return reads;
    }

    /** Every Secret value the pod gets: each key of an envFrom Secret, each secretKeyRef, each mounted file. */
    private static List<Delivery> deliveries(RenderedManifests rendered, Map<String, Object> deployment) {
        String pod = name(deployment);
        Set<String> reads = reads(deployment);
        List<Delivery> out = new ArrayList<>();
        for (Map<String, Object> c : containers(deployment)) {
            for (Map<String, Object> from : list(c, "envFrom")) {
                Object secret = map(from, "secretRef").get("name");
                if (secret != null) {
                    secretKeys(rendered, secret.toString()).forEach(k -> out.add(new Delivery(pod, base(secret), k, k)));
                }
            }
            for (Map<String, Object> env : list(c, "env")) {
                Map<String, Object> ref = at(env, "valueFrom", "secretKeyRef");
                if (!ref.isEmpty()) {
                    out.add(new Delivery(pod, base(ref.get("name")), ref.get("key").toString(), env.get("name").toString()));
                }
            }
            Map<String, String> secretVolumes = new HashMap<>();
            for (Map<String, Object> volume : list(at(deployment, "spec", "template", "spec"), "volumes")) {
                Object secret = map(volume, "secret").get("secretName");
                if (secret != null) {
                    secretVolumes.put(volume.get("name").toString(), secret.toString());
                }
            }
            for (Map<String, Object> mount : list(c, "volumeMounts")) {
                String secret = secretVolumes.get(mount.get("name").toString());
                if (secret == null) {
                    continue;
                }
                for (String file : secretKeys(rendered, secret)) {
                    String path = mount.get("mountPath") + "/" + file;
                    String readAs = list(c, "env").stream()
                            .filter(e -> path.equals(e.get("value")) && reads.contains(e.get("name").toString()))
                            .map(e -> e.get("name").toString()).findFirst().orElse("(file " + path + ")");
                    out.add(new Delivery(pod, base(secret), file, readAs));
                }
            }
        }
        return out;
    }

    private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return list(at(deployment, "spec", "template", "spec"), "containers");
    }

    /** The keys of a rendered Secret (one made by an operator, such as CloudNativePG's, is not rendered: none). */
    private static Set<String> secretKeys(RenderedManifests rendered, String name) {
        return rendered.ofKind("Secret").stream().filter(s -> name.equals(name(s)))
                .findFirst().map(s -> (Set<String>) new TreeSet<>(map(s, "data").keySet())).orElse(Set.of());
    }

    /** A generated Secret's name without kustomize's content hash. */
    private static String base(Object name) {
        return name.toString().replaceFirst("-[a-z0-9]{10}$", "");
    }
}
