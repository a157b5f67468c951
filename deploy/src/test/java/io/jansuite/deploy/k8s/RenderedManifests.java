package io.jansuite.deploy.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * An overlay of deploy/k8s rendered as objects: by {@code kubectl kustomize} when kubectl is on the PATH
 * (in a copy of the tree, after running make-secrets.sh there, with an admin account), otherwise by reading
 * the resource files the kustomizations list and the objects their generators declare (patches not applied;
 * {@code -Djansuite.k8s.render=files} forces this).
 */
final class RenderedManifests {

    final List<Map<String, Object>> objects;
    final boolean byKustomize;

    private RenderedManifests(List<Map<String, Object>> objects, boolean byKustomize) {
        this.objects = objects;
        this.byKustomize = byKustomize;
    }

    private static final Map<String, RenderedManifests> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The overlay of the repository's deploy/k8s, rendered once per test run (tests share it, read-only). */
    static synchronized RenderedManifests overlay(Path root, String overlay) throws IOException, InterruptedException {
        RenderedManifests rendered = RENDERED.get(overlay);
        if (rendered == null) {
            Path scratch = Files.createTempDirectory("jansuite-k8s-");
            try {
                rendered = render(root.resolve("deploy/k8s"), overlay, scratch);
            } finally {
                deleteTree(scratch); // it holds freshly made secret files
            }
            RENDERED.put(overlay, rendered);
        }
        return rendered;
    }

    static RenderedManifests render(Path k8sDir, String overlay, Path scratch) throws IOException, InterruptedException {
        Path copy = scratch.resolve("k8s-" + overlay);
        copyTree(k8sDir, copy);
        makeSecrets(copy, overlay);
        if (!"files".equals(System.getProperty("jansuite.k8s.render")) && kubectlAvailable()) {
            Process p = new ProcessBuilder("kubectl", "kustomize", copy.resolve("overlays/" + overlay).toString())
                    .redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize overlays/" + overlay + " failed: " + err);
            }
            return new RenderedManifests(loadAll(new String(out, StandardCharsets.UTF_8)), true);
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        readKustomization(copy.resolve("overlays/" + overlay), objects);
        return new RenderedManifests(objects, false);
    }

    /** The overlay's secret files as an operator makes them: make-secrets.sh, with an admin account set. */
    private static void makeSecrets(Path k8sCopy, String overlay) throws IOException, InterruptedException {
        ProcessBuilder make = new ProcessBuilder("bash", k8sCopy.resolve("make-secrets.sh").toString(), overlay)
                .redirectErrorStream(true);
        make.environment().put("DB_PASSWORD", "db-password-for-tests");
        make.environment().put("ADMIN_EMAIL", "admin@example.com");
        make.environment().put("ADMIN_PASSWORD", "admin-password-for-tests");
        Process p = make.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("make-secrets.sh " + overlay + " failed: " + out);
        }
    }

    static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loadAll(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            if (doc instanceof Map<?, ?> map) {
                docs.add((Map<String, Object>) map);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static void readKustomization(Path dir, List<Map<String, Object>> into) throws IOException {
        Map<String, Object> k = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(dir.resolve("kustomization.yaml")));
        for (Object r : (List<Object>) k.getOrDefault("resources", List.of())) {
            Path target = dir.resolve(r.toString()).normalize();
            if (Files.isDirectory(target)) {
                readKustomization(target, into);
            } else {
                into.addAll(loadAll(Files.readString(target)));
            }
        }
        for (String gen : List.of("configMapGenerator", "secretGenerator")) {
            for (Object g : (List<Object>) k.getOrDefault(gen, List.of())) {
                Map<String, Object> spec = (Map<String, Object>) g;
                if ("merge".equals(spec.get("behavior"))) {
                    continue;
                }
                into.add(Map.of("kind", gen.startsWith("config") ? "ConfigMap" : "Secret",
                        "metadata", Map.of("name", spec.get("name"))));
            }
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    boolean exists(String kind, String name) {
        return ofKind(kind).stream().anyMatch(o -> name.equals(name(o)));
    }

    static String name(Map<String, Object> object) {
        return Objects.toString(map(object, "metadata").get("name"), null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** Follows a path of keys through nested maps. */
    static Map<String, Object> at(Map<String, Object> root, String... keys) {
        Map<String, Object> m = root;
        for (String key : keys) {
            m = map(m, key);
        }
        return m;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (p.toString().contains("/secrets")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
