package io.jansuite.deploy.k8s;

import static io.jansuite.deploy.k8s.RenderedManifests.list;
import static io.jansuite.deploy.k8s.RenderedManifests.map;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The NetworkPolicies of one rendered namespace, evaluated as the Kubernetes semantics say: a connection is
 * allowed when the sender's egress and the receiver's ingress both allow it; a pod no policy selects for a
 * direction is open in that direction; selected, only what some rule allows. Covers what these manifests
 * use: pod and namespace selectors (matchLabels, matchExpressions), ipBlock with except, numbered and named
 * ports with protocols.
 */
final class NetworkPolicies {

    /**
     * One end of a connection: a pod (its namespace's labels, its labels, its named ports, an address) or an
     * address outside the cluster (no namespace).
     */
    record Endpoint(String name, Map<String, String> namespaceLabels, Map<String, String> labels,
                    Map<String, Integer> ports, String ip) {

        static Endpoint pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {
            return new Endpoint(name, Map.of("kubernetes.io/metadata.name", namespace), labels, ports, "10.244.0.10");
        }

        static Endpoint address(String ip) {
            return new Endpoint(ip, null, Map.of(), Map.of(), ip);
        }

        boolean isPod() {
            return namespaceLabels != null;
        }
    }

    private final String namespace;
    private final List<Map<String, Object>> policies;

    NetworkPolicies(String namespace, List<Map<String, Object>> policies) {
        this.namespace = namespace;
        this.policies = policies;
    }

    boolean inNamespace(Endpoint e) {
        return e.isPod() && namespace.equals(e.namespaceLabels().get("kubernetes.io/metadata.name"));
    }

    /** The policies of this namespace that select the pod for a direction ("Ingress" or "Egress"). */
    List<Map<String, Object>> selecting(Endpoint pod, String direction) {
        if (!inNamespace(pod)) {
            return List.of();
        }
        return policies.stream()
                .filter(p -> types(p).contains(direction) && selects(map(map(p, "spec"), "podSelector"), pod.labels()))
                .toList();
    }

    boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        return egressAllows(from, to, port, protocol) && ingressAllows(from, to, port, protocol);
    }

    boolean egressAllows(Endpoint from, Endpoint to, int port, String protocol) {
        List<Map<String, Object>> selected = selecting(from, "Egress");
        return selected.isEmpty() || selected.stream().anyMatch(p -> list(map(p, "spec"), "egress").stream()
                .anyMatch(rule -> peersMatch(rule, "to", to) && portsMatch(rule, to, port, protocol)));
    }

    boolean ingressAllows(Endpoint from, Endpoint to, int port, String protocol) {
        if (!inNamespace(to)) {
            return true; // not ours to decide
        }
        List<Map<String, Object>> selected = selecting(to, "Ingress");
        return selected.isEmpty() || selected.stream().anyMatch(p -> list(map(p, "spec"), "ingress").stream()
                .anyMatch(rule -> peersMatch(rule, "from", from) && portsMatch(rule, to, port, protocol)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> types(Map<String, Object> policy) {
        Object types = map(policy, "spec").get("policyTypes");
        if (types instanceof List<?> l) {
            return (List<String>) l;
        }
        return map(policy, "spec").containsKey("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private boolean peersMatch(Map<String, Object> rule, String key, Endpoint other) {
        if (!rule.containsKey(key)) {
            return true; // no peers listed: any
        }
        return list(rule, key).stream().anyMatch(peer -> peerMatches(peer, other));
    }

    private boolean peerMatches(Map<String, Object> peer, Endpoint other) {
        if (peer.containsKey("ipBlock")) {
            Map<String, Object> block = map(peer, "ipBlock");
            @SuppressWarnings("unchecked")
            List<Object> except = (List<Object>) block.getOrDefault("except", List.of());
            return inCidr(other.ip(), block.get("cidr").toString()) && except.stream().noneMatch(c -> inCidr(other.ip(), c.toString()));
        }
        if (!other.isPod()) {
            return false;
        }
        if (peer.containsKey("namespaceSelector")) {
            if (!selects(map(peer, "namespaceSelector"), other.namespaceLabels())) {
                return false;
            }
        } else if (!inNamespace(other)) {
            return false; // a podSelector alone means the policy's own namespace
        }
        return !peer.containsKey("podSelector") || selects(map(peer, "podSelector"), other.labels());
    }

    private static boolean portsMatch(Map<String, Object> rule, Endpoint to, int port, String protocol) {
        if (!rule.containsKey("ports")) {
            return true;
        }
        return list(rule, "ports").stream().anyMatch(p -> {
            if (!Objects.toString(p.get("protocol"), "TCP").equals(protocol)) {
                return false;
            }
            Object value = p.get("port");
            if (value == null) {
                return true;
            }
            if (value instanceof Number n) {
                return n.intValue() == port;
            }
            return Integer.valueOf(port).equals(to.ports().get(value.toString()));
        });
    }

    /** A label selector ({} selects everything). */
    static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        for (Map.Entry<String, Object> e : map(selector, "matchLabels").entrySet()) {
            if (!e.getValue().toString().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Map<String, Object> expression : list(selector, "matchExpressions")) {
            String value = labels.get(expression.get("key").toString());
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) expression.getOrDefault("values", List.of());
            boolean ok = switch (expression.get("operator").toString()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}
