package io.jansuite.deploy.k8s;

import static io.jansuite.deploy.k8s.RenderedManifests.at;
import static io.jansuite.deploy.k8s.RenderedManifests.list;
import static io.jansuite.deploy.k8s.RenderedManifests.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jansuite.deploy.k8s.NetworkPolicies.Endpoint;
import io.jansuite.routes.RouteTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s: the NetworkPolicies of each overlay, evaluated over its pods, allow exactly the services' call
 * graph (read from their configuration, {@link CallGraph}), the ingress controller to their HTTP ports, DNS,
 * and the model providers to the two services that call them; nothing else.
 */
class NetworkPoliciesTest {

    private static Path root;
    private static Map<String, CallGraph.Service> graph;

    /** The pods of an overlay (its Deployments and its PostgreSQL) and its policies. */
    private record Namespace(NetworkPolicies policies, Map<String, Endpoint> pods, String name) {
    }

    @BeforeAll
    static void readConfiguration() {
        root = Path.of(System.getProperty("jansuite.root", "..")).toAbsolutePath().normalize();
        Set<String> services = RouteTable.load(root.resolve("deploy/routes.tsv")).services().keySet();
        graph = CallGraph.of(root, services);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodIsSelectedByAPolicyInBothDirections(String overlay) throws Exception {
        Namespace ns = namespace(overlay);
        for (Endpoint pod : ns.pods().values()) {
            assertFalse(ns.policies().selecting(pod, "Ingress").isEmpty(), pod.name() + ": no policy for its ingress");
            assertFalse(ns.policies().selecting(pod, "Egress").isEmpty(), pod.name() + ": no policy for its egress");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podToPodConnectionsAreExactlyTheCallGraph(String overlay) throws Exception {
        Namespace ns = namespace(overlay);
        Set<String> expected = new TreeSet<>();
        for (CallGraph.Service s : graph.values()) {
            s.calls().forEach(callee -> expected.add(s.name() + " -> " + callee + ":http"));
            if (s.redis()) {
                expected.add(s.name() + " -> redis:redis");
            }
            if (s.postgres()) {
                expected.add(s.name() + " -> postgres:postgresql");
            }
        }
        if ("prod".equals(overlay)) { // the CloudNativePG instances replicate and report to each other
            expected.add("postgres -> postgres:postgresql");
            expected.add("postgres -> postgres:status");
        }
        Set<String> allowed = new TreeSet<>();
        for (Endpoint from : ns.pods().values()) {
            for (Endpoint to : ns.pods().values()) {
                to.ports().forEach((port, number) -> {
                    if (ns.policies().allows(from, to, number, "TCP")) {
                        allowed.add(from.name() + " -> " + to.name() + ":" + port);
                    }
                });
            }
        }
        assertEquals(expected, allowed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIngressControllerReachesOnlyTheServicesHttpPorts(String overlay) throws Exception {
        Namespace ns = namespace(overlay);
        Endpoint controller = Endpoint.pod("ingress-nginx", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of());
        Set<String> expected = new TreeSet<>();
        graph.keySet().forEach(s -> expected.add(s + ":http"));
        expected.add("console:http"); // the web console's pod (base/console.yaml)
        assertEquals(expected, reachable(ns, controller));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podsOfAnotherNamespaceReachNothingEvenWithTheServicesLabels(String overlay) throws Exception {
        Namespace ns = namespace(overlay);
        for (Endpoint pod : ns.pods().values()) {
            Endpoint impostor = Endpoint.pod("impostor", "default", pod.labels(), Map.of());
            assertEquals(Set.of(), reachable(ns, impostor), "a pod in another namespace labelled as " + pod.name());
        }
        Endpoint anyPod = Endpoint.pod("elsewhere", "default", Map.of(), Map.of());
        assertEquals(Set.of(), reachable(ns, anyPod));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodResolvesNamesAndOnlyTheProviderCallersLeaveTheCluster(String overlay) throws Exception {
        Namespace ns = namespace(overlay);
        Endpoint dns = Endpoint.pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of("dns", 53));
        Endpoint internet = Endpoint.address("203.0.113.10");
        Endpoint metadata = Endpoint.address("169.254.169.254");
        Endpoint privateAddress = Endpoint.address("10.20.30.40");
        Set<String> leaving = new TreeSet<>();
        for (Endpoint pod : ns.pods().values()) {
            assertEquals(true, ns.policies().allows(pod, dns, 53, "UDP") && ns.policies().allows(pod, dns, 53, "TCP"),
                    pod.name() + " resolves names");
            if (ns.policies().allows(pod, internet, 443, "TCP")) {
                leaving.add(pod.name());
            }
            assertFalse(ns.policies().allows(pod, metadata, 80, "TCP"), pod.name() + " reaches the cloud metadata address");
            assertFalse(ns.policies().allows(pod, privateAddress, 8080, "TCP"), pod.name() + " reaches a private address");
        }
        Set<String> expected = new TreeSet<>(CallGraph.PROVIDER_CALLERS);
        if ("prod".equals(overlay)) {
            expected.add("postgres"); // the instance manager talks to the Kubernetes API, whose address is the cluster's
        }
        assertEquals(expected, leaving);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheServicesSendTracesAndOnlyToTheCollectorsOtlpPort(String overlay) throws Exception {
        Namespace ns = namespace(overlay);
        Endpoint collector = Endpoint.pod("otel-collector", "observability",
                Map.of("app.kubernetes.io/name", "opentelemetry-collector"), Map.of("otlp-http", 4318, "otlp-grpc", 4317));
        Endpoint elsewhere = Endpoint.pod("other", "observability", Map.of("app.kubernetes.io/name", "grafana"), Map.of());
        Set<String> exporting = new TreeSet<>();
        for (Endpoint pod : ns.pods().values()) {
            if (ns.policies().allows(pod, collector, 4318, "TCP")) {
                exporting.add(pod.name());
            }
            assertFalse(ns.policies().allows(pod, collector, 8888, "TCP"), pod.name() + " reaches the collector's other ports");
            assertFalse(ns.policies().allows(pod, elsewhere, 4318, "TCP"), pod.name() + " reaches another pod there");
        }
        assertEquals(new TreeSet<>(graph.keySet()), exporting);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void theDatabaseOperatorReachesTheInstances(String overlay) throws Exception {
        Namespace ns = namespace(overlay);
        Endpoint operator = Endpoint.pod("cnpg", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"), Map.of());
        assertEquals(Set.of("postgres:postgresql", "postgres:status"), reachable(ns, operator));
    }

    /** What the endpoint can open among the namespace's pods, as pod:port. */
    private static Set<String> reachable(Namespace ns, Endpoint from) {
        Set<String> reached = new TreeSet<>();
        for (Endpoint to : ns.pods().values()) {
            to.ports().forEach((port, number) -> {
                if (ns.policies().allows(from, to, number, "TCP")) {
                    reached.add(to.name() + ":" + port);
                }
            });
        }
        return reached;
    }

    private static Namespace namespace(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.overlay(root, overlay);
        Assumptions.assumeTrue(rendered.byKustomize, "policies are checked on the manifests kustomize renders (kubectl)");
        String namespace = name(rendered.ofKind("Namespace").get(0));
        Map<String, Endpoint> pods = new LinkedHashMap<>();
        for (Map<String, Object> d : rendered.ofKind("Deployment")) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (Map<String, Object> c : list(at(d, "spec", "template", "spec"), "containers")) {
                for (Map<String, Object> p : list(c, "ports")) {
                    ports.put(p.get("name").toString(), ((Number) p.get("containerPort")).intValue());
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) (Map<?, ?>) at(d, "spec", "template", "metadata", "labels");
            pods.put(name(d), Endpoint.pod(name(d), namespace, labels, ports));
        }
        pods.put("postgres", postgres(rendered, namespace));
        List<Map<String, Object>> policies = new ArrayList<>(rendered.ofKind("NetworkPolicy"));
        return new Namespace(new NetworkPolicies(namespace, policies), pods, namespace);
    }

    /** prod: the instances CloudNativePG makes for its Cluster; dev: a PostgreSQL labelled as the overlay says. */
    private static Endpoint postgres(RenderedManifests rendered, String namespace) {
        List<Map<String, Object>> clusters = rendered.ofKind("Cluster");
        if (!clusters.isEmpty()) {
            return Endpoint.pod("postgres", namespace, Map.of("cnpg.io/cluster", name(clusters.get(0)), "cnpg.io/podRole", "instance"),
                    Map.of("postgresql", 5432, "status", 8000));
        }
        return Endpoint.pod("postgres", namespace, Map.of("app.kubernetes.io/name", "postgres"), Map.of("postgresql", 5432));
    }
}
