package io.jansuite.localsuite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Each service's JVM start-up cache, in {@code <local>/jvm-cache}: on JDK 25 and later the AOT cache (JEP 483
 * classes loaded and linked, JEP 515 method profiles), on JDK 17 to 24 a dynamic AppCDS archive. A service without
 * a cache for this JDK and these jars records one while it runs (the first {@code ./run.sh} after a build is the
 * training run) and writes it when it stops; the next start uses it. A cache is named by the JDK's version and a
 * fingerprint of the service's jars, so a rebuilt service or another JDK never meets a stale one; and the JVM's
 * own messages about it are switched off, so whatever it still refuses it ignores quietly (it then runs without).
 */
final class StartupCache {

    /** What a service's JVM does with its cache. */
    enum Mode { USE, RECORD, OFF }

    /** Silences the JVM's warnings about an archive it cannot use (it falls back to running without). */
    private static final List<String> QUIET_CDS = List.of("-Xlog:cds*=off");
    /** JDK 25's log tag of the AOT cache ({@code aot}) is unknown to JDK 17, which would refuse to start. */
    private static final List<String> QUIET_AOT = List.of("-Xlog:cds*=off", "-Xlog:aot*=off");

    private final Path dir;
    private final Runtime.Version jdk;
    private final List<String> jvmOptions;
    private final boolean enabled;
    private final Map<String, Path> recording = new ConcurrentHashMap<>();

    /**
     * @param dir        where the caches live
     * @param jdk        the version of the JDK the services run on
     * @param jvmOptions the services' other JVM options (a cache recorded with another heap or collector may not
     *                   fit, so they are part of its name)
     * @param enabled    false (JANSUITE_JVM_CACHE=off, or JAVA_OPTS that name an archive of their own): no options
     */
    StartupCache(Path dir, Runtime.Version jdk, List<String> jvmOptions, boolean enabled) {
        this.dir = dir;
        this.jdk = jdk;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.enabled = enabled;
    }

    /** The launcher's: enabled unless JANSUITE_JVM_CACHE=off or JAVA_OPTS already name an archive or cache. */
    static StartupCache forLauncher(Path localDir, Map<String, String> environment) {
        String opts = environment.getOrDefault("JAVA_OPTS", "");
        boolean own = opts.contains("SharedArchiveFile") || opts.contains("ArchiveClassesAtExit") || opts.contains("AOTCache")
                || opts.contains("AOTMode") || opts.contains("Xshare");
        boolean off = "off".equalsIgnoreCase(environment.getOrDefault("JANSUITE_JVM_CACHE", "").strip());
        return new StartupCache(localDir.resolve("jvm-cache"), Runtime.version(), LocalSuite.javaOptions(environment),
                !own && !off);
    }

    boolean aotCache() {
        return jdk.feature() >= 25;
    }

    /** Whether {@code service}, run from {@code appDir} (its quarkus-app), uses a cache, records one, or neither. */
    Mode mode(String service, Path appDir) throws IOException {
        if (!enabled) {
            return Mode.OFF;
        }
        return Files.isRegularFile(file(service, appDir)) ? Mode.USE : Mode.RECORD;
    }

    /** The JVM options that use or record the cache of {@code service}, run from {@code appDir}. */
    List<String> options(String service, Path appDir) throws IOException {
        Mode mode = mode(service, appDir);
        if (mode == Mode.OFF) {
            return List.of();
        }
        Path file = file(service, appDir);
        if (mode == Mode.USE) {
            recording.remove(service);
            return concat(aotCache() ? QUIET_AOT : QUIET_CDS, (aotCache() ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + file);
        }
        Files.createDirectories(dir);
        Path partial = partial(file);
        Files.deleteIfExists(partial);
        recording.put(service, file);
        return concat(aotCache() ? QUIET_AOT : QUIET_CDS, (aotCache() ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + partial);
    }

    /** True while some service records a cache (it needs time to write it when it stops). */
    boolean recordingAny() {
        return !recording.isEmpty();
    }

    /**
     * After {@code service} has stopped: what it recorded becomes its cache (older caches of the service are
     * deleted), unless it was killed before it had written it all.
     */
    void settle(String service, int exitCode) {
        Path file = recording.remove(service);
        if (file == null) {
            return;
        }
        Path partial = partial(file);
        try {
            boolean complete = exitCode != 137 && Files.isRegularFile(partial) && Files.size(partial) > 0;
            if (!complete) {
                Files.deleteIfExists(partial);
                return;
            }
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith(service + "-") && !p.equals(partial)).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // an old cache left behind costs only disk
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("run.sh: could not keep the start-up cache of " + service + ": " + e.getMessage());
        }
    }

    /** {@code <service>-<jdk version>-<fingerprint of the jars and JVM options>.aot} (or {@code .jsa}). */
    Path file(String service, Path appDir) throws IOException {
        String version = jdk.toString().replaceAll("[^0-9A-Za-z.]", "_");
        return dir.resolve(service + "-" + version + "-" + fingerprint(appDir, jvmOptions) + (aotCache() ? ".aot" : ".jsa"));
    }

    /**
     * Names, sizes and modification times of every file of the application (what the JVM checks, and more) and
     * the JVM options.
     */
    static String fingerprint(Path appDir, List<String> jvmOptions) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(appDir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                String line = appDir.relativize(f) + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis() + "\n";
                sha.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        sha.update(String.join(" ", jvmOptions).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(), 0, 6);
    }

    private static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + ".part");
    }

    private static List<String> concat(List<String> head, String last) {
        return Stream.concat(head.stream(), Stream.of(last)).toList();
    }
}
