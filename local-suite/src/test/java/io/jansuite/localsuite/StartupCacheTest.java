package io.jansuite.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services' start-up caches, with a real JVM (this test's JDK) recording and then using one. */
class StartupCacheTest {

    @TempDir
    Path dir;

    @Test
    void aFirstRunRecordsTheCacheAndTheNextUsesItQuietly() throws Exception {
        Path app = app();
        StartupCache cache = new StartupCache(dir.resolve("cache"), Runtime.version(), List.of("-Xmx64m"), true);
        assertEquals(StartupCache.Mode.RECORD, cache.mode("svc", app));
        Run recording = run(cache.options("svc", app), app);
        assertEquals("hello\n", recording.stdout);
        assertTrue(cache.recordingAny());
        cache.settle("svc", recording.exit);
        assertFalse(cache.recordingAny());
        assertTrue(Files.size(cache.file("svc", app)) > 0, "the cache was kept");

        assertEquals(StartupCache.Mode.USE, cache.mode("svc", app));
        List<String> use = new ArrayList<>(cache.options("svc", app));
        use.add("-Xlog:class+load=info");
        Run using = run(use, app);
        assertTrue(using.stdout.contains("Hello source: shared objects file"), using.stdout);
        assertEquals("", using.stderr);
    }

    @Test
    void aRebuiltApplicationRecordsAgainAndReplacesTheOldCache() throws Exception {
        Path app = app();
        StartupCache cache = new StartupCache(dir.resolve("cache"), Runtime.version(), List.of("-Xmx64m"), true);
        Run recording = run(cache.options("svc", app), app);
        cache.settle("svc", recording.exit);
        Path old = cache.file("svc", app);
        Files.setLastModifiedTime(app.resolve("app.jar"), FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertEquals(StartupCache.Mode.RECORD, cache.mode("svc", app));
        cache.settle("svc", run(cache.options("svc", app), app).exit);
        assertFalse(Files.exists(old), "the stale cache is gone");
        assertTrue(Files.exists(cache.file("svc", app)));
        StartupCache otherHeap = new StartupCache(dir.resolve("cache"), Runtime.version(), List.of("-Xmx256m"), true);
        assertEquals(StartupCache.Mode.RECORD, otherHeap.mode("svc", app), "other JVM options: another cache");
    }

    @Test
    void anArchiveTheJvmRefusesIsIgnoredWithoutAWord() throws Exception {
        Path app = app();
        StartupCache cache = new StartupCache(dir.resolve("cache"), Runtime.version(), List.of("-Xmx64m"), true);
        Files.createDirectories(dir.resolve("cache"));
        Files.writeString(cache.file("svc", app), "not an archive");
        Run using = run(cache.options("svc", app), app);
        assertEquals(0, using.exit);
        assertEquals("hello\n", using.stdout);
        assertEquals("", using.stderr);
    }

    @Test
    void aKilledRecordingLeavesNoCache() throws Exception {
        Path app = app();
        StartupCache cache = new StartupCache(dir.resolve("cache"), Runtime.version(), List.of("-Xmx64m"), true);
        List<String> options = cache.options("svc", app);
        Path partial = Path.of(options.get(options.size() - 1).substring(options.get(options.size() - 1).indexOf('=') + 1));
        Files.writeString(partial, "half an archive");
        cache.settle("svc", 137);
        assertFalse(Files.exists(partial));
        assertEquals(StartupCache.Mode.RECORD, cache.mode("svc", app));
    }

    @Test
    void jdk25UsesTheAotCacheAndTheSwitchOrOwnOptionsTurnItOff() throws Exception {
        Path app = app();
        StartupCache on25 = new StartupCache(dir.resolve("cache"), Runtime.Version.parse("25.0.3+9"), List.of(), true);
        assertTrue(on25.options("svc", app).stream().anyMatch(o -> o.startsWith("-XX:AOTCacheOutput=")));
        assertTrue(on25.file("svc", app).getFileName().toString().matches("svc-25\\.0\\.3_9-[0-9a-f]{12}\\.aot"));
        StartupCache on17 = new StartupCache(dir.resolve("cache"), Runtime.Version.parse("17.0.15+6"), List.of(), true);
        assertTrue(on17.options("svc", app).stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")));
        assertEquals(List.of(), StartupCache.forLauncher(dir, Map.of("JANSUITE_JVM_CACHE", "off")).options("svc", app));
        assertEquals(List.of(), StartupCache.forLauncher(dir, Map.of("JAVA_OPTS", "-XX:SharedArchiveFile=/x.jsa"))
                .options("svc", app));
    }

    /** A one-class application in a jar (archives hold classes from jars only). */
    private Path app() throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Hello.java"), "public class Hello { public static void main(String[] a) {"
                + " System.out.println(\"hello\"); } }");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", src.toString(),
                src.resolve("Hello.java").toString()));
        Path app = dir.resolve("app");
        Files.createDirectories(app);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (OutputStream out = Files.newOutputStream(app.resolve("app.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("Hello.class"));
            jar.write(Files.readAllBytes(src.resolve("Hello.class")));
            jar.closeEntry();
        }
        return app;
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run run(List<String> options, Path app) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.addAll(options);
        command.add("-jar");
        command.add(app.resolve("app.jar").toString());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the JVM ends");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
