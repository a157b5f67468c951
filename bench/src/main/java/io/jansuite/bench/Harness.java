package io.jansuite.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark's load generator ({@code bench/run.sh} prepares the suite, then runs this): every scenario
 * once directly against its backend and once through the suite's port 8000, back to back, then the CSV and
 * the markdown summary. See docs/benchmarks.md.
 *
 * <p>Arguments ({@code --name value}): gateway, upstream, conversation-direct, inference-direct, catalog-direct
 * (base URLs), internal-key (the catalog's key for the inference-service, to sign route lookups), key (an API key),
 * big (a conversation with 10,000 messages, or one to seed), convs (comma list, one per append worker),
 * launcher-pid, sim-pid, db (the bench database, for its backends' CPU), out (results folder), seed (messages
 * to append to big first; 10000), quick (true: 1-2 s runs, to check the harness), only (run only the scenarios
 * whose name starts with this, e.g. "chat completion", for profiling), after-seed (a shell command run after seeding,
 * e.g. psql -c ANALYZE; the last page is measured before and after it).
 */
public final class Harness {

    static final int[] CONCURRENCY = { 1, 16, 64 };

    private final Map<String, String> args;
    private final boolean quick;
    private final LoadRun load;
    private final ProcessMeter meter;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Double> idleCpuPerSecond = new LinkedHashMap<>();

    /** One measured run and the CPU each component spent on it. */
    record Row(LoadRun.Outcome outcome, Map<String, Long> cpuMillis) {
    }

    private Harness(Map<String, String> args, Vertx vertx) {
        this.args = args;
        this.quick = Boolean.parseBoolean(args.getOrDefault("quick", "false"));
        this.load = new LoadRun(vertx);
        this.meter = new ProcessMeter(Long.parseLong(args.get("launcher-pid")), Long.parseLong(args.get("sim-pid")),
                args.getOrDefault("db", "jansuite_bench"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            new Harness(args, vertx).runAll();
        } finally {
            vertx.close();
        }
    }

    private void runAll() throws Exception {
        String gateway = args.getOrDefault("gateway", "http://127.0.0.1:8000");
        String upstream = args.getOrDefault("upstream", "http://127.0.0.1:8090");
        String conversations = args.getOrDefault("conversation-direct", "http://127.0.0.1:8082");
        String inference = args.getOrDefault("inference-direct", "http://127.0.0.1:8083");
        String catalog = args.getOrDefault("catalog-direct", "http://127.0.0.1:8084");
        Map<String, String> auth = Map.of("Authorization", "Bearer " + args.get("key"), "Content-Type", "application/json");
        Map<String, String> none = Map.of("Content-Type", "application/json");
        Instant started = Instant.now();

        // JIT warm-up of every process on the path (a cold JVM is 10-50x slower for its first seconds).
        System.out.println("warming up ...");
        for (boolean stream : new boolean[] { false, true }) {
            Buffer body = chat(UpstreamSimulator.MODEL, stream);
            for (String target : new String[] { "direct", "suite" }) {
                boolean direct = target.equals("direct");
                load.run(new LoadRun.Spec("warm-up", target, direct ? upstream : gateway, 16, quick ? 2 : direct ? 3 : 10,
                        Long.MAX_VALUE,
                        stream, (w, n) -> new LoadRun.Call(HttpMethod.POST, "/v1/chat/completions", direct ? none : auth,
                                body)), 0);
            }
        }

        // What each process burns with no load (timers, health checks, pollers), subtracted from the runs' CPU.
        Map<String, Long> idleBefore = meter.cpuMillis();
        long idleStart = System.nanoTime();
        Thread.sleep(quick ? 2_000 : 5_000);
        Map<String, Long> idleAfter = meter.cpuMillis();
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
        idleAfter.forEach((k, v) -> idleCpuPerSecond.put(k, (v - idleBefore.getOrDefault(k, v)) / idleSeconds));

        for (boolean stream : new boolean[] { false, true }) {
            String scenario = stream ? "chat stream" : "chat completion";
            Buffer body = chat(UpstreamSimulator.MODEL, stream);
            for (int c : CONCURRENCY) {
                double seconds = quick ? 2 : c == 1 ? 5 : 10;
                measure(new LoadRun.Spec(scenario, "direct", upstream, c, seconds, Long.MAX_VALUE, stream,
                        (w, n) -> new LoadRun.Call(HttpMethod.POST, "/v1/chat/completions", none, body)));
                if (c <= 16) { // the same without the ingress: what the ingress hop costs
                    measure(new LoadRun.Spec(scenario, "inference", inference, c, seconds, Long.MAX_VALUE, stream,
                            (w, n) -> new LoadRun.Call(HttpMethod.POST, "/v1/chat/completions", auth, body)));
                }
                measure(new LoadRun.Spec(scenario, "suite", gateway, c, seconds, Long.MAX_VALUE, stream,
                        (w, n) -> new LoadRun.Call(HttpMethod.POST, "/v1/chat/completions", auth, body)));
            }
        }
        String internalKey = args.get("internal-key");
        if (internalKey != null && !internalKey.isBlank()) { // the lookup the inference-service makes on a cache miss
            String path = "/internal/routes/" + UpstreamSimulator.MODEL;
            measure(new LoadRun.Spec("catalog route lookup", "catalog", catalog, 16, quick ? 2 : 8, Long.MAX_VALUE, false,
                    (w, n) -> new LoadRun.Call(HttpMethod.GET, path, Map.of("X-Internal-Caller", "inference-service",
                            "X-Internal-Signature", signed(internalKey, path), "Accept", "application/json"), null)));
        }
        Buffer paced = chat(UpstreamSimulator.PACED_MODEL, true);
        for (String target : new String[] { "direct", "suite" }) {
            boolean direct = target.equals("direct");
            measure(new LoadRun.Spec("chat stream, 2 ms between events", target, direct ? upstream : gateway, 16,
                    quick ? 2 : 8, Long.MAX_VALUE, true,
                    (w, n) -> new LoadRun.Call(HttpMethod.POST, "/v1/chat/completions", direct ? none : auth, paced)));
        }

        String big = args.get("big");
        long seed = Long.parseLong(args.getOrDefault("seed", "10000"));
        if (seed > 0) {
            measure(new LoadRun.Spec("append, one conversation (seeding " + seed + ")", "suite", gateway, 16, 0, seed,
                    false, (w, n) -> new LoadRun.Call(HttpMethod.POST, "/v1/conversations/" + big + "/items", auth,
                            message(n))), 0);
        }
        int deepest = (int) Math.max(0, seed - 50);
        String afterSeed = args.get("after-seed");
        if (afterSeed != null && !afterSeed.isBlank()) {
            // The same page before and after the hook (ANALYZE: this PostgreSQL runs without autovacuum).
            measure(new LoadRun.Spec("list 50, last page (offset " + deepest + "), stale statistics", "direct",
                    conversations, 16, quick ? 2 : 5, Long.MAX_VALUE, false, (w, n) -> new LoadRun.Call(HttpMethod.GET,
                            "/v1/conversations/" + big + "/items?limit=50&offset=" + deepest, auth, null)));
            System.out.println("running: " + afterSeed);
            Process hook = new ProcessBuilder("sh", "-c", afterSeed).inheritIO().start();
            if (hook.waitFor() != 0) {
                throw new IllegalStateException("after-seed command failed: " + afterSeed);
            }
        }
        for (String target : new String[] { "direct", "suite" }) {
            String base = target.equals("direct") ? conversations : gateway;
            measure(new LoadRun.Spec("list 50, random page of " + seed, target, base, 16, quick ? 2 : 10, Long.MAX_VALUE,
                    false, (w, n) -> new LoadRun.Call(HttpMethod.GET, "/v1/conversations/" + big + "/items?limit=50&offset="
                            + ThreadLocalRandom.current().nextInt(deepest + 1), auth, null)));
            measure(new LoadRun.Spec("list 50, last page (offset " + deepest + ")", target, base, 16, quick ? 2 : 10,
                    Long.MAX_VALUE, false, (w, n) -> new LoadRun.Call(HttpMethod.GET, "/v1/conversations/" + big
                            + "/items?limit=50&offset=" + deepest, auth, null)));
        }

        // Appends last: they grow the message table, which would make the list runs incomparable.
        List<String> convs = List.of(args.get("convs").split(","));
        for (String target : new String[] { "direct", "suite" }) {
            String base = target.equals("direct") ? conversations : gateway;
            measure(new LoadRun.Spec("append, 16 conversations", target, base, 16, quick ? 2 : 10, Long.MAX_VALUE, false,
                    (w, n) -> new LoadRun.Call(HttpMethod.POST, "/v1/conversations/" + convs.get(w % convs.size())
                            + "/items", auth, message(n))));
        }
        Map<String, Double> rss = meter.rssMiB();
        Path out = Path.of(args.getOrDefault("out", "bench/results"));
        Files.createDirectories(out);
        String stamp = started.truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "");
        String csv = Report.csv(rows, meter.components().keySet());
        Files.writeString(out.resolve("results-" + stamp + ".csv"), csv);
        Files.writeString(out.resolve("latest.csv"), csv);
        String md = Report.markdown(rows, rss, idleCpuPerSecond, started, args.getOrDefault("load", ""), quick);
        Files.writeString(out.resolve("latest.md"), md);
        System.out.println();
        System.out.println(md);
    }

    private void measure(LoadRun.Spec spec) throws Exception {
        measure(spec, quick ? 0.5 : 2);
    }

    private void measure(LoadRun.Spec spec, double warmSeconds) throws Exception {
        String only = args.get("only");
        if (only != null && !spec.scenario().startsWith(only)) {
            return;
        }
        System.out.printf(Locale.ROOT, "%-40s %-6s c=%-3d ... ", spec.scenario(), spec.target(), spec.concurrency());
        System.out.flush();
        if (warmSeconds > 0) {
            load.run(new LoadRun.Spec(spec.scenario(), spec.target(), spec.baseUrl(), spec.concurrency(), warmSeconds,
                    Long.MAX_VALUE, spec.stream(), spec.calls()), 0);
        }
        Map<String, Long> before = meter.cpuMillis();
        LoadRun.Outcome o = load.run(spec, 0);
        Map<String, Long> after = meter.cpuMillis();
        Map<String, Long> used = new LinkedHashMap<>();
        after.forEach((k, v) -> used.put(k, Math.max(0, v - before.getOrDefault(k, v)
                - (k.equals("machine") || k.equals("harness") ? 0 // the harness is never idle while measuring
                        : Math.round(idleCpuPerSecond.getOrDefault(k, 0.0) * o.elapsedSeconds())))));
        rows.add(new Row(o, used));
        System.out.printf(Locale.ROOT, "%8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d%s%n", o.rps(),
                LoadRun.Outcome.percentileMs(o.latencies(), 50), LoadRun.Outcome.percentileMs(o.latencies(), 99), o.errors(),
                o.firstError() == null ? "" : "  (first: " + o.firstError() + ")");
    }

    static Buffer chat(String model, boolean stream) {
        JsonObject body = new JsonObject().put("model", model).put("max_tokens", 64)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
                        .put("content", "Say hello in one short sentence.")));
        if (stream) {
            body.put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
        }
        return body.toBuffer();
    }

    /** A fresh X-Internal-Signature for a GET as the inference-service (docs/internal-api.md), one per call. */
    static String signed(String key, String path) {
        try {
            long t = System.currentTimeMillis() / 1000;
            String nonce = java.util.UUID.randomUUID().toString();
            String canonical = String.join("\n", "jansuite-internal-v1", "inference-service", "GET", path,
                    Long.toString(t), nonce, "", java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(new byte[0])));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ";n=" + nonce + ";s=" + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Buffer message(long n) {
        return new JsonObject().put("role", n % 2 == 0 ? "user" : "assistant")
                .put("content", "Benchmark message " + n + ": a sentence of ordinary length, about as long as a short chat turn.")
                .toBuffer();
    }
}
