package io.jansuite.deploy.k8s;

import static io.jansuite.deploy.k8s.RenderedManifests.at;
import static io.jansuite.deploy.k8s.RenderedManifests.list;
import static io.jansuite.deploy.k8s.RenderedManifests.map;
import static io.jansuite.deploy.k8s.RenderedManifests.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.routes.RouteTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/k8s: generated parts up to date, and each overlay rendered and checked as a whole. */
class KubernetesManifestsTest {

    /** Objects made outside the rendered manifests, which may be referred to: by CloudNativePG and cert-manager. */
    private static final Set<String> CREATED_BY_OPERATORS = Set.of("Secret/jansuite-db-app", "Secret/jansuite-api-tls");
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|PRIVATE|API_KEY|CREDENTIAL).*");

    private static final String CONSOLE_INGRESS = "jansuite-console";

    private static Path root;
    private static RouteTable routes;

    @BeforeAll
    static void locate() {
        root = Path.of(System.getProperty("jansuite.root", "..")).toAbsolutePath().normalize();
        routes = RouteTable.load(root.resolve("deploy/routes.tsv"));
    }

    @Test
    void committedIngressIsGeneratedFromTheRouteTable() throws Exception {
        assertTrue(K8sManifests.ingressYaml(routes).equals(Files.readString(K8sManifests.ingressFile(root))),
                "deploy/k8s/base/ingress.yaml is stale: run deploy/k8s/update-manifests.sh and commit it");
    }

    @Test
    void committedServiceManifestsMatchTheBuild() throws Exception {
        List<String> checked = new ArrayList<>();
        for (String service : routes.services().keySet()) {
            Path generated = K8sManifests.generatedFile(root, service);
            if (!Files.isRegularFile(generated)) {
                continue;
            }
            // compared as objects: quarkus-kubernetes does not keep the order of labels from one build to the next
            assertTrue(RenderedManifests.loadAll(Files.readString(generated))
                            .equals(RenderedManifests.loadAll(Files.readString(K8sManifests.collectedFile(root, service)))),
                    "deploy/k8s/base/services/" + service + ".yaml differs from " + service
                            + "/target/kubernetes/kubernetes.yml: run deploy/k8s/update-manifests.sh and commit it");
            checked.add(service);
        }
        Assumptions.assumeFalse(checked.isEmpty(), "no service is packaged yet (./mvnw package writes their manifests)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRouteHasAnIngressRuleToItsService(String overlay) throws Exception {
        RenderedManifests rendered = render(overlay);
        Map<String, String> backendByPath = new java.util.HashMap<>();
        Map<String, Map<String, Object>> ingressByPath = new java.util.HashMap<>();
        for (Map<String, Object> ingress : rendered.ofKind("Ingress")) {
            if (CONSOLE_INGRESS.equals(name(ingress))) {
                continue; // consoleIsServedAtTheRootOfTheApiHost
            }
            for (Map<String, Object> rule : list(map(ingress, "spec"), "rules")) {
                assertTrue(rule.get("host") != null && !rule.get("host").toString().isBlank(), "every rule names the host");
                for (Map<String, Object> path : list(map(rule, "http"), "paths")) {
                    String p = path.get("path").toString();
                    assertEquals("Prefix", path.get("pathType"));
                    assertFalse(p.startsWith("/internal"), "internal routes are never exposed: " + p);
                    backendByPath.put(p, at(path, "backend", "service").get("name").toString());
                    ingressByPath.put(p, ingress);
                }
            }
        }
        for (RouteTable.Route route : routes.routes()) {
            assertEquals(route.service(), backendByPath.get(route.prefix()), "Ingress rule for " + route.prefix());
            if (route.streaming()) {
                Map<String, Object> annotations = at(ingressByPath.get(route.prefix()), "metadata", "annotations");
                assertEquals("off", annotations.get("nginx.ingress.kubernetes.io/proxy-buffering"), route.prefix());
                assertTrue(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout").toString()) >= 600);
            }
        }
        assertEquals(routes.routes().size(), backendByPath.size(), "no Ingress path outside the route table");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void consoleIsServedAtTheRootOfTheApiHost(String overlay) throws Exception {
        RenderedManifests rendered = render(overlay);
        Map<String, Object> console = rendered.ofKind("Ingress").stream()
                .filter(i -> CONSOLE_INGRESS.equals(name(i))).findFirst().orElseThrow();
        Map<String, Object> api = rendered.ofKind("Ingress").stream()
                .filter(i -> "jansuite-api".equals(name(i))).findFirst().orElseThrow();
        List<Map<String, Object>> rules = list(map(console, "spec"), "rules");
        assertEquals(1, rules.size());
        assertEquals(list(map(api, "spec"), "rules").get(0).get("host"), rules.get(0).get("host"), "same host as the API");
        Map<String, String> paths = new java.util.TreeMap<>();
        for (Map<String, Object> path : list(map(rules.get(0), "http"), "paths")) {
            assertEquals("console", at(path, "backend", "service").get("name"));
            paths.put(path.get("path").toString(), path.get("pathType").toString());
        }
        assertEquals(Map.of("/", "Exact", "/index.html", "Exact", "/console", "Prefix"), paths,
                "the page and its assets only: every other path stays with the API's Ingress");
        assertTrue(rendered.exists("Deployment", "console") && rendered.exists("Service", "console"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasProbesResourcesAndNoSecretInClear(String overlay) throws Exception {
        RenderedManifests rendered = render(overlay);
        List<Map<String, Object>> deployments = rendered.ofKind("Deployment");
        assertTrue(deployments.size() >= 6, "five services and Redis");
        for (Map<String, Object> deployment : deployments) {
            for (Map<String, Object> c : list(at(deployment, "spec", "template", "spec"), "containers")) {
                String where = name(deployment) + "/" + c.get("name");
                assertFalse(map(c, "readinessProbe").isEmpty(), where + " readinessProbe");
                assertFalse(map(c, "livenessProbe").isEmpty(), where + " livenessProbe");
                for (String kind : List.of("requests", "limits")) {
                    Map<String, Object> r = at(c, "resources", kind);
                    assertTrue(r.containsKey("cpu") && r.containsKey("memory"), where + " resources." + kind);
                }
                for (Map<String, Object> env : list(c, "env")) {
                    String envName = env.get("name").toString();
                    if (SECRET_LIKE.matcher(envName).matches() && !envName.endsWith("_LOCATION")) {
                        assertFalse(env.containsKey("value"), where + " has " + envName + " in clear");
                        assertFalse(at(env, "valueFrom", "secretKeyRef").isEmpty(), where + " " + envName + " from a Secret");
                    }
                }
                for (Map<String, Object> from : list(c, "envFrom")) {
                    assertTrue(from.containsKey("secretRef") || from.containsKey("configMapRef"), where + " envFrom");
                }
            }
        }
        for (Map<String, Object> configMap : rendered.ofKind("ConfigMap")) {
            for (Object key : map(configMap, "data").keySet()) {
                assertFalse(SECRET_LIKE.matcher(key.toString()).matches(), name(configMap) + " holds " + key);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void autoscalerTargetsTheInferenceDeployment(String overlay) throws Exception {
        RenderedManifests rendered = render(overlay);
        List<Map<String, Object>> hpas = rendered.ofKind("HorizontalPodAutoscaler");
        assertEquals(1, hpas.size());
        Map<String, Object> target = at(hpas.get(0), "spec", "scaleTargetRef");
        assertEquals("Deployment", target.get("kind"));
        assertEquals("inference-service", target.get("name"));
        assertTrue(rendered.exists("Deployment", "inference-service"));
        Map<String, Object> inference = rendered.ofKind("Deployment").stream()
                .filter(d -> "inference-service".equals(name(d))).findFirst().orElseThrow();
        assertFalse(map(inference, "spec").containsKey("replicas"), "the HPA owns the inference-service's replicas");
        Set<String> budgets = new HashSet<>();
        rendered.ofKind("PodDisruptionBudget").forEach(p -> budgets.add(name(p)));
        assertEquals(routes.services().keySet(), budgets, "a PodDisruptionBudget per service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void nothingRefersToAMissingObject(String overlay) throws Exception {
        RenderedManifests rendered = render(overlay);
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> d : rendered.ofKind("Deployment")) {
            Map<String, Object> pod = at(d, "spec", "template", "spec");
            Map<String, Object> labels = at(d, "spec", "template", "metadata", "labels");
            Map<String, Object> selector = at(d, "spec", "selector", "matchLabels");
            if (!labels.entrySet().containsAll(selector.entrySet())) {
                missing.add("Deployment " + name(d) + " selector does not match its pods");
            }
            for (Map<String, Object> c : list(pod, "containers")) {
                for (Map<String, Object> from : list(c, "envFrom")) {
                    require(rendered, "ConfigMap", map(from, "configMapRef").get("name"), missing);
                    require(rendered, "Secret", map(from, "secretRef").get("name"), missing);
                }
                for (Map<String, Object> env : list(c, "env")) {
                    require(rendered, "Secret", at(env, "valueFrom", "secretKeyRef").get("name"), missing);
                    require(rendered, "ConfigMap", at(env, "valueFrom", "configMapKeyRef").get("name"), missing);
                }
            }
            for (Map<String, Object> volume : list(pod, "volumes")) {
                require(rendered, "Secret", map(volume, "secret").get("secretName"), missing);
                require(rendered, "ConfigMap", map(volume, "configMap").get("name"), missing);
            }
        }
        for (Map<String, Object> ingress : rendered.ofKind("Ingress")) {
            for (Map<String, Object> rule : list(map(ingress, "spec"), "rules")) {
                for (Map<String, Object> path : list(map(rule, "http"), "paths")) {
                    Map<String, Object> backend = at(path, "backend", "service");
                    require(rendered, "Service", backend.get("name"), missing);
                    Object portName = map(backend, "port").get("name");
                    rendered.ofKind("Service").stream().filter(s -> Objects.equals(name(s), backend.get("name")))
                            .filter(s -> list(map(s, "spec"), "ports").stream().noneMatch(p -> Objects.equals(p.get("name"), portName)))
                            .forEach(s -> missing.add("Service " + name(s) + " has no port " + portName));
                }
            }
            for (Map<String, Object> tls : list(map(ingress, "spec"), "tls")) {
                require(rendered, "Secret", tls.get("secretName"), missing);
            }
        }
        for (Map<String, Object> hpa : rendered.ofKind("HorizontalPodAutoscaler")) {
            require(rendered, "Deployment", at(hpa, "spec", "scaleTargetRef").get("name"), missing);
        }
        for (String kind : List.of("Service", "PodDisruptionBudget")) {
            for (Map<String, Object> o : rendered.ofKind(kind)) {
                Map<String, Object> selector = "Service".equals(kind) ? at(o, "spec", "selector") : at(o, "spec", "selector", "matchLabels");
                boolean selects = rendered.ofKind("Deployment").stream().anyMatch(d ->
                        at(d, "spec", "template", "metadata", "labels").entrySet().containsAll(selector.entrySet()));
                if (!selects) {
                    missing.add(kind + " " + name(o) + " selects no pods");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theInferenceServiceSpillsUsageToAVolumeOfItsOwn(String overlay) throws Exception {
        Map<String, Object> inference = render(overlay).ofKind("Deployment").stream()
                .filter(d -> "inference-service".equals(name(d))).findFirst().orElseThrow();
        Map<String, Object> pod = at(inference, "spec", "template", "spec");
        Map<String, Object> container = list(pod, "containers").get(0);
        String dir = list(container, "env").stream().filter(e -> "USAGE_SPILL_DIR".equals(e.get("name")))
                .map(e -> String.valueOf(e.get("value"))).findFirst().orElse(null);
        assertTrue(dir != null && dir.startsWith("/"), "USAGE_SPILL_DIR is set: " + dir);
        String volume = list(container, "volumeMounts").stream().filter(m -> dir.equals(m.get("mountPath")))
                .map(m -> String.valueOf(m.get("name"))).findFirst().orElse(null);
        assertTrue(volume != null, "a volume is mounted at " + dir + " (not the container's own filesystem)");
        assertTrue(list(pod, "volumes").stream().anyMatch(v -> volume.equals(v.get("name"))
                && (v.containsKey("emptyDir") || v.containsKey("persistentVolumeClaim"))), "the pod has the volume " + volume);
    }

    @Test
    void prodTakesTheDatabaseFromCloudNativePgAndDevFromAUrl() throws Exception {
        RenderedManifests prod = render("prod");
        assertTrue(prod.exists("Cluster", "jansuite-db"), "a CloudNativePG Cluster");
        RenderedManifests dev = render("dev");
        assertFalse(dev.exists("Cluster", "jansuite-db"));
        Map<String, Object> devConfig = map(dev.ofKind("ConfigMap").get(0), "data");
        Assumptions.assumeTrue(dev.byKustomize, "generator literals are merged by kustomize only");
        assertTrue(devConfig.get("DB_REACTIVE_URL").toString().startsWith("postgresql://"));
        assertTrue(map(prod.ofKind("ConfigMap").get(0), "data").get("DB_REACTIVE_URL").toString().contains("jansuite-db-rw"));
    }

    private static void require(RenderedManifests rendered, String kind, Object name, List<String> missing) {
        if (name == null || CREATED_BY_OPERATORS.contains(kind + "/" + name) || rendered.exists(kind, name.toString())) {
            return;
        }
        missing.add(kind + " " + name);
    }

    private static RenderedManifests render(String overlay) throws Exception {
        return RenderedManifests.overlay(root, overlay);
    }
}
