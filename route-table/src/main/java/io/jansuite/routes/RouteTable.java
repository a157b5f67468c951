package io.jansuite.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The route table of the unified API (deploy/routes.tsv): path prefix, owning service, its local port and
 * options. The one source for the local ingress and the Kubernetes Ingress. Longest prefix wins; a prefix
 * matches whole path segments only ({@code /v1/models} matches {@code /v1/models/x}, not {@code /v1/modelsx}),
 * like a Kubernetes {@code Prefix} path. Nothing under {@code /internal/} is ever routed.
 */
public final class RouteTable {

    /** Option of a route whose responses are long-lived event streams. */
    public static final String STREAM = "stream";

    public record Route(String prefix, String service, int port, Set<String> options) {
        public boolean streaming() {
            return options.contains(STREAM);
        }

        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
        }
    }

    private final List<Route> routes;
    private final List<Route> longestFirst;

    public RouteTable(List<Route> routes) {
        for (Route route : routes) {
            if (!route.prefix().startsWith("/") || isInternal(route.prefix())) {
                throw new IllegalArgumentException("Route prefix must start with / and not be internal: " + route.prefix());
            }
        }
        this.routes = List.copyOf(routes);
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        this.longestFirst = List.copyOf(sorted);
    }

    public static RouteTable load(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the route table " + file, e);
        }
    }

    public static RouteTable parse(List<String> lines) {
        List<Route> routes = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\\s+");
            if (cols.length < 3) {
                throw new IllegalArgumentException("Route table line needs prefix, service and port: " + raw);
            }
            Set<String> options = cols.length > 3 ? Set.of(cols[3].toLowerCase(Locale.ROOT).split(",")) : Set.of();
            routes.add(new Route(cols[0], cols[1], Integer.parseInt(cols[2]), options));
        }
        return new RouteTable(routes);
    }

    /** The same table with every port moved by {@code offset} (to run a second suite beside the first). */
    public RouteTable withPortOffset(int offset) {
        return offset == 0 ? this : new RouteTable(routes.stream()
                .map(r -> new Route(r.prefix(), r.service(), r.port() + offset, r.options())).toList());
    }

    /** The routes in file order. */
    public List<Route> routes() {
        return routes;
    }

    /** Service name to local port, in file order. */
    public Map<String, Integer> services() {
        Map<String, Integer> services = new LinkedHashMap<>();
        routes.forEach(r -> services.putIfAbsent(r.service(), r.port()));
        return services;
    }

    /** The route serving this request path, or null (unknown, internal or suspicious paths). */
    public Route match(String path) {
        if (path == null || !path.startsWith("/") || isInternal(path) || isSuspicious(path)) {
            return null;
        }
        for (Route route : longestFirst) {
            if (route.matches(path)) {
                return route;
            }
        }
        return null;
    }

    static boolean isInternal(String path) {
        return path.equals("/internal") || path.startsWith("/internal/");
    }

    /** Dot segments and encoded dots, slashes or backslashes could reach another route once normalised upstream. */
    static boolean isSuspicious(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.contains("/../") || lower.endsWith("/..") || lower.contains("/./") || lower.endsWith("/.")
                || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\")
                || lower.contains("//");
    }
}
