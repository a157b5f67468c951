package io.jansuite.localsuite.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jansuite.routes.RouteTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Merges the services' own OpenAPI documents into the one document of the unified API. A service's path is
 * kept only when the route table sends it to that service (so a route another service owns, or one the ingress
 * does not expose, never shows); {@code /internal/} paths are dropped. Components that two services name alike
 * but define differently are renamed with the service's prefix ({@code CatalogProviderView}), operationIds
 * used by more than one service likewise ({@code authCreate}); components that no kept path refers to are left
 * out. Pure: no I/O, so the same merge serves the ingress, the command line and the tests.
 */
public final class OpenApiMerger {

    private static final String REF_PREFIX = "#/components/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One service's document, by the route table's service name. */
    public record ServiceDocument(String service, JsonNode document) {
    }

    private final RouteTable routes;

    public OpenApiMerger(RouteTable routes) {
        this.routes = routes;
    }

    /**
     * @param documents the services' documents, in the order their components and tags should appear
     * @param serverUrl the origin clients call (the ingress), or null for none
     */
    public ObjectNode merge(List<ServiceDocument> documents, String serverUrl) {
        ObjectNode merged = JSON.objectNode();
        merged.put("openapi", openApiVersion(documents));
        merged.set("info", info(documents));
        if (serverUrl != null) {
            merged.set("servers", servers(serverUrl));
        }
        ObjectNode paths = JSON.objectNode();
        ObjectNode components = JSON.objectNode();
        ArrayNode security = null;
        Map<String, ObjectNode> tags = new LinkedHashMap<>();

        List<ServiceDocument> renamed = renameCollidingOperationIds(documents);
        for (ServiceDocument service : renamed) {
            ObjectNode doc = service.document().deepCopy();
            Map<String, String> refRenames = componentRenames(service.service(), doc, components);
            renameComponents(doc, refRenames);
            mergeComponents(doc, components);
            Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> path = it.next();
                if (exposed(path.getKey(), service.service()) && !paths.has(path.getKey())) {
                    paths.set(path.getKey(), path.getValue());
                }
            }
            if (security == null && doc.get("security") instanceof ArrayNode s) {
                security = s;
            }
            for (JsonNode tag : doc.path("tags")) {
                tags.putIfAbsent(tag.path("name").asText(), (ObjectNode) tag);
            }
        }
        if (security != null) {
            merged.set("security", security);
        }
        if (!tags.isEmpty()) {
            ArrayNode tagList = merged.putArray("tags");
            tags.values().forEach(tagList::add);
        }
        merged.set("paths", sorted(paths));
        merged.set("components", reachable(paths, security, components));
        return merged;
    }

    /** True when the ingress routes this path template to this service (and it is not internal). */
    boolean exposed(String pathTemplate, String service) {
        if (pathTemplate.equals("/internal") || pathTemplate.startsWith("/internal/")) {
            return false;
        }
        String concrete = pathTemplate.replaceAll("\\{[^}/]*}", "p");
        RouteTable.Route route = routes.match(concrete);
        return route != null && route.service().equals(service);
    }

    private static String openApiVersion(List<ServiceDocument> documents) {
        String version = null;
        for (ServiceDocument d : documents) {
            String v = d.document().path("openapi").asText(null);
            if (v != null && (version == null || v.compareTo(version) > 0)) {
                version = v;
            }
        }
        return version == null ? "3.1.0" : version;
    }

    private static ObjectNode info(List<ServiceDocument> documents) {
        ObjectNode info = JSON.objectNode();
        info.put("title", "Jan Suite API");
        String version = documents.isEmpty() ? "1.0.0" : documents.get(0).document().path("info").path("version").asText("1.0.0");
        StringBuilder description = new StringBuilder("""
                Every public route of the suite, as the ingress exposes it, merged from the services' own documents \
                (so it cannot drift from the code). Authenticate with `Authorization: Bearer <access token>` \
                (from `POST /llm/auth/guest-login` or `/llm/auth/login`) or an API key (`X-API-Key: sk_...`). \
                Errors share one envelope (`ErrorEnvelope`); see docs/error-codes.md and docs/rate-limiting.md.

                Services:""");
        for (ServiceDocument d : documents) {
            description.append("\n- ").append(d.service());
            String about = d.document().path("info").path("description").asText("");
            if (!about.isBlank()) {
                description.append(": ").append(about);
            }
        }
        info.put("description", description.toString());
        info.put("version", version);
        return info;
    }

    private static ArrayNode servers(String serverUrl) {
        ArrayNode servers = JSON.arrayNode();
        servers.addObject().put("url", serverUrl).put("description", "The unified API (ingress)");
        return servers;
    }

    /**
     * Makes operationIds unique across the suite: an id used more than once gets the service's prefix
     * ({@code authCreate}), then, if still ambiguous, the path's last fixed segment ({@code adminListProviders}),
     * then a number.
     */
    private static List<ServiceDocument> renameCollidingOperationIds(List<ServiceDocument> documents) {
        record Op(String service, String path, ObjectNode node) {
        }
        List<ServiceDocument> out = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        for (ServiceDocument d : documents) {
            ObjectNode copy = d.document().deepCopy();
            copy.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                if (isMethod(op.getKey()) && op.getValue() instanceof ObjectNode o && o.hasNonNull("operationId")) {
                    ops.add(new Op(d.service(), path.getKey(), o));
                }
            }));
            out.add(new ServiceDocument(d.service(), copy));
        }
        List<BiFunction<Op, String, String>> steps = List.of(
                (op, id) -> servicePrefix(op.service(), false) + capitalized(id),
                (op, id) -> id + capitalized(servicePrefix(lastFixedSegment(op.path()), false)));
        for (BiFunction<Op, String, String> step : steps) {
            Map<String, Integer> counts = new HashMap<>();
            ops.forEach(op -> counts.merge(op.node().get("operationId").asText(), 1, Integer::sum));
            for (Op op : ops) {
                String id = op.node().get("operationId").asText();
                if (counts.get(id) > 1) {
                    op.node().put("operationId", step.apply(op, id));
                }
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Op op : ops) {
            String id = op.node().get("operationId").asText();
            int n = seen.merge(id, 1, Integer::sum);
            if (n > 1) {
                op.node().put("operationId", id + n);
            }
        }
        return out;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String lastFixedSegment(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            if (!segments[i].isEmpty() && !segments[i].startsWith("{")) {
                return segments[i];
            }
        }
        return "root";
    }

    static boolean isMethod(String key) {
        return switch (key) {
            case "get", "put", "post", "delete", "options", "head", "patch", "trace" -> true;
            default -> false;
        };
    }

    /**
     * "#/components/schemas/X" to its new reference for the components of {@code doc} that exist in
     * {@code merged} with another definition. Repeats until stable: renaming X changes every component that
     * refers to X, which may then collide too.
     */
    private static Map<String, String> componentRenames(String service, ObjectNode doc, ObjectNode merged) {
        Map<String, String> renames = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            Iterator<Map.Entry<String, JsonNode>> types = doc.path("components").fields();
            while (types.hasNext()) {
                Map.Entry<String, JsonNode> type = types.next();
                Iterator<Map.Entry<String, JsonNode>> entries = type.getValue().fields();
                while (entries.hasNext()) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    String ref = REF_PREFIX + type.getKey() + "/" + entry.getKey();
                    if (renames.containsKey(ref)) {
                        continue;
                    }
                    JsonNode existing = merged.path(type.getKey()).get(entry.getKey());
                    if (existing != null && !existing.equals(rewritten(entry.getValue(), renames))) {
                        String name = servicePrefix(service, true) + entry.getKey();
                        for (int n = 2; merged.path(type.getKey()).has(name); n++) {
                            name = servicePrefix(service, true) + entry.getKey() + n;
                        }
                        renames.put(ref, REF_PREFIX + type.getKey() + "/" + name);
                        changed = true;
                    }
                }
            }
        }
        return renames;
    }

    private static JsonNode rewritten(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        rewriteRefs(copy, renames);
        return copy;
    }

    /** Renames the components of a whole document and rewrites every $ref to them. */
    private static void renameComponents(ObjectNode doc, Map<String, String> renames) {
        if (doc.get("components") instanceof ObjectNode components) {
            renames.forEach((from, to) -> {
                String[] f = from.substring(REF_PREFIX.length()).split("/", 2);
                String[] t = to.substring(REF_PREFIX.length()).split("/", 2);
                if (components.get(f[0]) instanceof ObjectNode type && type.has(f[1])) {
                    type.set(t[1], type.remove(f[1]));
                }
            });
        }
        rewriteRefs(doc, renames);
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode value = object.get(key);
                if ("$ref".equals(key) && value.isTextual() && renames.containsKey(value.asText())) {
                    object.set(key, TextNode.valueOf(renames.get(value.asText())));
                } else {
                    rewriteRefs(value, renames);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

    private static void mergeComponents(ObjectNode doc, ObjectNode merged) {
        Iterator<Map.Entry<String, JsonNode>> types = doc.path("components").fields();
        while (types.hasNext()) {
            Map.Entry<String, JsonNode> type = types.next();
            ObjectNode target = merged.has(type.getKey()) ? (ObjectNode) merged.get(type.getKey()) : merged.putObject(type.getKey());
            type.getValue().fields().forEachRemaining(e -> {
                if (!target.has(e.getKey())) {
                    target.set(e.getKey(), e.getValue());
                }
            });
        }
    }

    /** The components the paths and the security requirements need, directly or through other components. */
    private static ObjectNode reachable(ObjectNode paths, ArrayNode security, ObjectNode components) {
        Set<String> seen = new HashSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.add(paths);
        Set<String> schemes = new HashSet<>();
        if (security != null) {
            security.forEach(req -> req.fieldNames().forEachRemaining(schemes::add));
        }
        paths.findValues("security").forEach(s -> s.forEach(req -> req.fieldNames().forEachRemaining(schemes::add)));
        while (!todo.isEmpty()) {
            for (JsonNode ref : todo.poll().findValues("$ref")) {
                String target = ref.asText();
                if (target.startsWith(REF_PREFIX) && seen.add(target)) {
                    String[] parts = target.substring(REF_PREFIX.length()).split("/", 2);
                    JsonNode component = components.path(parts[0]).get(parts.length > 1 ? unescape(parts[1]) : "");
                    if (component != null) {
                        todo.add(component);
                    }
                }
            }
        }
        ObjectNode kept = JSON.objectNode();
        Iterator<Map.Entry<String, JsonNode>> types = components.fields();
        while (types.hasNext()) {
            Map.Entry<String, JsonNode> type = types.next();
            ObjectNode out = JSON.objectNode();
            List<String> names = new ArrayList<>();
            type.getValue().fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            for (String name : names) {
                boolean needed = "securitySchemes".equals(type.getKey()) ? schemes.contains(name)
                        : seen.contains(REF_PREFIX + type.getKey() + "/" + name);
                if (needed) {
                    out.set(name, type.getValue().get(name));
                }
            }
            if (!out.isEmpty()) {
                kept.set(type.getKey(), out);
            }
        }
        return kept;
    }

    private static String unescape(String pointerPart) {
        return pointerPart.replace("~1", "/").replace("~0", "~");
    }

    private static ObjectNode sorted(ObjectNode paths) {
        List<String> keys = new ArrayList<>();
        paths.fieldNames().forEachRemaining(keys::add);
        keys.sort(String::compareTo);
        ObjectNode out = JSON.objectNode();
        keys.forEach(k -> out.set(k, paths.get(k)));
        return out;
    }

    /** "catalog-service" to "Catalog" (type names) or "catalog" (operation ids). */
    static String servicePrefix(String service, boolean capitalized) {
        String base = service.endsWith("-service") ? service.substring(0, service.length() - "-service".length()) : service;
        StringBuilder out = new StringBuilder();
        boolean upper = capitalized;
        for (char c : base.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = false;
        }
        return out.toString().isEmpty() ? "Service" : out.toString();
    }
}
