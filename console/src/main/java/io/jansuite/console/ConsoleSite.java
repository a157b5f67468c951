package io.jansuite.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The web console's files and how they are answered, independent of any HTTP server. {@code /} (and
 * {@code /index.html}) is the page, revalidated on every load ({@code no-cache} and an ETag); the scripts and
 * styles live under {@code /console/<version>/}, where the version is a digest of all of them, so they are
 * cached as immutable and a new build is a new URL. Every answer carries {@link #CSP}: scripts only from this
 * origin, no inline script or style, and Trusted Types, so the browser itself refuses any HTML string assigned
 * to {@code innerHTML} and the like (the console builds every element with DOM calls and writes text with
 * {@code textContent}).
 */
public final class ConsoleSite {

    public static final String CSP = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types 'none'");
    static final String ASSETS_PATH = "/console/";
    private static final String RESOURCES = "console/";
    private static final String ASSETS_PLACEHOLDER = "%ASSETS%";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "html", "text/html; charset=utf-8",
            "json", "application/json");

    /** An answer: status, headers and body (empty for 304 and HEAD). */
    public record Response(int status, Map<String, String> headers, byte[] body) {
    }

    private record File(byte[] body, String type) {
    }

    private final String version;
    private final Map<String, File> assets;
    private final byte[] index;

    ConsoleSite(byte[] indexTemplate, Map<String, byte[]> assets) {
        this.version = digest(indexTemplate, assets);
        Map<String, File> files = new LinkedHashMap<>();
        assets.forEach((name, body) -> files.put(name, new File(body, type(name))));
        this.assets = Map.copyOf(files);
        this.index = new String(indexTemplate, StandardCharsets.UTF_8)
                .replace(ASSETS_PLACEHOLDER, ASSETS_PATH + version).getBytes(StandardCharsets.UTF_8);
    }

    /** The console packaged on the class path (resources {@code console/index.html} and {@code console/assets/**}). */
    public static ConsoleSite fromClasspath() {
        ClassLoader loader = ConsoleSite.class.getClassLoader();
        URL indexUrl = loader.getResource(RESOURCES + "index.html");
        if (indexUrl == null) {
            throw new IllegalStateException("console/index.html is not on the class path (the console jar is missing)");
        }
        try {
            return new ConsoleSite(read(indexUrl.openStream()), assetsBeside(indexUrl));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the console's files", e);
        }
    }

    /** True for the paths the console answers: the page and its assets. */
    public static boolean handles(String path) {
        return "/".equals(path) || "/index.html".equals(path) || path.startsWith(ASSETS_PATH);
    }

    /** The digest that names this build's asset directory. */
    public String version() {
        return version;
    }

    /** The answer to a request for this path (any path: those the console does not serve are a 404). */
    public Response answer(String method, String path, String ifNoneMatch, String requestId) {
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            Map<String, String> headers = headers("application/json", "no-store");
            headers.put("Allow", "GET, HEAD");
            return new Response(405, headers, error("invalid_request_error", "method_not_allowed",
                    "This method is not allowed on this route.", requestId));
        }
        if ("/".equals(path) || "/index.html".equals(path)) {
            return file(new File(index, TYPES.get("html")), "\"" + version + "\"", "no-cache", ifNoneMatch, head);
        }
        String prefix = ASSETS_PATH + version + "/";
        File asset = path.startsWith(prefix) ? assets.get(path.substring(prefix.length())) : null;
        if (asset == null) {
            return new Response(404, headers("application/json", "no-store"), error("not_found_error", "not_found",
                    "No such route or resource.", requestId));
        }
        return file(asset, "\"" + version + "\"", IMMUTABLE, ifNoneMatch, head);
    }

    private static Response file(File file, String etag, String cache, String ifNoneMatch, boolean head) {
        Map<String, String> headers = headers(file.type(), cache);
        headers.put("ETag", etag);
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || "*".equals(ifNoneMatch.strip()))) {
            return new Response(304, headers, new byte[0]);
        }
        headers.put("Content-Length", String.valueOf(file.body().length));
        return new Response(200, headers, head ? new byte[0] : file.body());
    }

    private static Map<String, String> headers(String type, String cache) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", type);
        headers.put("Cache-Control", cache);
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        return headers;
    }

    private static byte[] error(String type, String code, String message, String requestId) {
        return ("{\"error\":{\"type\":\"" + type + "\",\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"param\":null,\"request_id\":\"" + requestId.replaceAll("[^A-Za-z0-9_.:-]", "") + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String type(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (type == null) {
            throw new IllegalStateException("The console has a file of an unknown type: " + name);
        }
        return type;
    }

    private static String digest(byte[] index, Map<String, byte[]> assets) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(index);
            new TreeMap<>(assets).forEach((name, body) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(body);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files under console/assets/ next to index.html, whether the resources are a directory or a jar. */
    private static Map<String, byte[]> assetsBeside(URL indexUrl) throws IOException {
        Map<String, byte[]> assets = new TreeMap<>();
        String assetsDir = RESOURCES + "assets/";
        if ("jar".equals(indexUrl.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) indexUrl.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry entry : jar.stream().toList()) {
                    if (!entry.isDirectory() && entry.getName().startsWith(assetsDir)) {
                        assets.put(entry.getName().substring(assetsDir.length()), read(jar.getInputStream(entry)));
                    }
                }
            }
            return assets;
        }
        try {
            Path dir = Path.of(indexUrl.toURI()).resolveSibling("assets");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assets.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            return assets;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
