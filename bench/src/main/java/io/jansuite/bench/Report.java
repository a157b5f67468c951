package io.jansuite.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's outputs: one CSV row per run, and the markdown summary (bench/results/latest.md). */
final class Report {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private Report() {
    }

    static String csv(List<Harness.Row> rows, Collection<String> components) {
        StringBuilder out = new StringBuilder("scenario,target,concurrency,seconds,requests,errors,rps,p50_ms,p90_ms,p99_ms,"
                + "max_ms,ttft_p50_ms,ttft_p99_ms,events_per_request,multi_event_reads_pct,other_cpu_pct");
        components.forEach(c -> out.append(",cpu_us_per_request_").append(c.replace('-', '_')));
        out.append('\n');
        for (Harness.Row row : rows) {
            LoadRun.Outcome o = row.outcome();
            long[] l = o.latencies();
            out.append(f("\"%s\",%s,%d,%.1f,%d,%d,%.1f,%.3f,%.3f,%.3f,%.3f,%s,%s,%s,%s,%.0f", o.spec().scenario(),
                    o.spec().target(), o.spec().concurrency(), o.elapsedSeconds(), l.length, o.errors(), o.rps(),
                    p(l, 50), p(l, 90), p(l, 99), p(l, 100), o.spec().stream() ? f("%.3f", p(o.firstEvents(), 50)) : "",
                    o.spec().stream() ? f("%.3f", p(o.firstEvents(), 99)) : "", o.spec().stream() ? f("%.2f", eventsPer(o)) : "",
                    o.spec().stream() ? f("%.1f", multiPct(o)) : "", otherPct(row)));
            components.forEach(c -> out.append(',').append(f("%.0f", perRequestUs(row, c))));
            out.append('\n');
        }
        return out.toString();
    }

    static String markdown(List<Harness.Row> rows, Map<String, Double> rss, Map<String, Double> idle, Instant started, String load, boolean quick) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append(f("Run %s on %d cores%s. Load average before the run: %s. ", started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                CORES, quick ? " (QUICK run: 2 s per scenario, for checking the harness only)" : "", load.isBlank() ? "n/a" : load));
        md.append("Everything (the suite, PostgreSQL, Redis, the upstream simulator, the load generator) shares the "
                + "machine. *direct* = the upstream simulator (chat) or the conversation-service on :8082 (conversations); "
                + "*suite* = through the ingress on :8000 with an API key, rate limiting and usage accounting on. "
                + "*added* = suite minus direct, percentile by percentile. Latencies in ms, to the last byte.\n\n");

        for (String scenario : new String[] { "chat completion", "chat stream" }) {
            boolean stream = scenario.equals("chat stream");
            md.append(stream ? "## Streamed chat completions (16 tokens: 20 `data:` events, the last `[DONE]`)\n\n"
                    : "## Chat completions (non-streamed)\n\n");
            md.append("| c | direct req/s | direct p50 / p99 | suite req/s | suite p50 / p99 | **added p50 / p99** |");
            md.append(stream ? " first token: direct p50 / p99 | suite p50 / p99 | **added p50 / p99** | events per stream (direct / suite) |\n"
                    : "\n");
            md.append(stream ? "|---|---|---|---|---|---|---|---|---|---|\n" : "|---|---|---|---|---|---|\n");
            for (int c : Harness.CONCURRENCY) {
                LoadRun.Outcome d = find(rows, scenario, "direct", c);
                LoadRun.Outcome s = find(rows, scenario, "suite", c);
                if (d == null || s == null) {
                    continue;
                }
                md.append(f("| %d | %.0f | %s | %.0f | %s | **%s** |", c, d.rps(), pp(d.latencies()), s.rps(),
                        pp(s.latencies()), added(d.latencies(), s.latencies())));
                if (stream) {
                    md.append(f(" %s | %s | **%s** | %.1f / %.1f |", pp(d.firstEvents()), pp(s.firstEvents()),
                            added(d.firstEvents(), s.firstEvents()), eventsPer(d), eventsPer(s)));
                }
                md.append(errors(d, s)).append('\n');
            }
            md.append('\n');
        }

        md.append("## Hop by hop (p50 / p99 in ms; req/s)\n\n");
        md.append("*inference* = straight to the inference-service on :8083 (API key, rate limit, usage, catalog lookup), "
                + "without the ingress.\n\n");
        md.append("| scenario | c | direct | inference-service :8083 | suite :8000 | added by the inference path | added by the ingress |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (String scenario : new String[] { "chat completion", "chat stream" }) {
            for (int c : Harness.CONCURRENCY) {
                LoadRun.Outcome d = find(rows, scenario, "direct", c);
                LoadRun.Outcome i = find(rows, scenario, "inference", c);
                LoadRun.Outcome s = find(rows, scenario, "suite", c);
                if (d == null || i == null || s == null) {
                    continue;
                }
                md.append(f("| %s | %d | %s; %.0f | %s; %.0f | %s; %.0f | %s | %s |\n", scenario, c, pp(d.latencies()), d.rps(),
                        pp(i.latencies()), i.rps(), pp(s.latencies()), s.rps(), added(d.latencies(), i.latencies()),
                        added(i.latencies(), s.latencies())));
            }
        }
        LoadRun.Outcome lookup = find(rows, "catalog route lookup", "catalog", 16);
        if (lookup != null) {
            md.append(f("\nThe catalog route lookup each completion makes (`GET :8084/internal/routes/bench-model`, c=16): "
                    + "%.0f req/s, p50 / p99 %s ms.\n", lookup.rps(), pp(lookup.latencies())));
        }
        md.append('\n');

        LoadRun.Outcome pd = find(rows, "chat stream, 2 ms between events", "direct", 16);
        LoadRun.Outcome ps = find(rows, "chat stream, 2 ms between events", "suite", 16);
        if (pd != null && ps != null) {
            md.append("## Event by event? (streams with 2 ms between events, c=16)\n\n");
            md.append("| | events per stream | HTTP chunks carrying more than one event | first token p50 / p99 | stream p50 / p99 |\n");
            md.append("|---|---|---|---|---|\n");
            for (LoadRun.Outcome o : List.of(pd, ps)) {
                md.append(f("| %s | %.2f | %.1f %% | %s | %s |\n", o.spec().target(), eventsPer(o), multiPct(o),
                        pp(o.firstEvents()), pp(o.latencies())));
            }
            md.append('\n');
        }

        md.append("## Conversations (c=16)\n\n");
        md.append("| scenario | conversation-service direct: req/s, p50 / p99 | through the ingress: req/s, p50 / p99 | added p50 / p99 |\n");
        md.append("|---|---|---|---|\n");
        for (Harness.Row row : rows) {
            LoadRun.Outcome o = row.outcome();
            if (!o.spec().scenario().startsWith("append") && !o.spec().scenario().startsWith("list")) {
                continue;
            }
            if (o.spec().target().equals("direct") && !o.spec().scenario().endsWith("stale statistics")) {
                continue;
            }
            if (o.spec().scenario().endsWith("stale statistics")) {
                md.append(f("| %s | %.0f, %s | | |\n", o.spec().scenario(), o.rps(), pp(o.latencies())));
                continue;
            }
            LoadRun.Outcome d = find(rows, o.spec().scenario(), "direct", o.spec().concurrency());
            md.append(f("| %s | %s | %.0f, %s | %s |%s\n", o.spec().scenario(),
                    d == null ? "" : f("%.0f, %s", d.rps(), pp(d.latencies())), o.rps(), pp(o.latencies()),
                    d == null ? "" : added(d.latencies(), o.latencies()), errors(d, o)));
        }
        md.append('\n');

        md.append("## CPU per request (ms of CPU time per answered request, by process)\n\n");
        md.append("Each process's idle CPU (measured for a few seconds before the runs) is subtracted. Idle, in ms of CPU per second:");
        idle.forEach((name, ms) -> {
            if (!name.equals("machine")) {
                md.append(f(" %s %.0f,", name.replace("-service", ""), ms));
            }
        });
        md.append(f(" the whole machine %.0f (of %d).\n\n", idle.getOrDefault("machine", 0.0), CORES * 1000));
        List<String> components = new ArrayList<>(rows.isEmpty() ? List.of() : rows.get(0).cpuMillis().keySet());
        components.remove("machine");
        md.append("| run | c |");
        components.forEach(c -> md.append(' ').append(c.replace("-service", "")).append(" |"));
        md.append(" other processes (% of the machine) |\n|---|---|");
        components.forEach(c -> md.append("---|"));
        md.append("---|\n");
        for (Harness.Row row : rows) {
            LoadRun.Outcome o = row.outcome();
            if (o.spec().concurrency() == 1) {
                continue;
            }
            md.append(f("| %s, %s | %d |", o.spec().scenario(), o.spec().target(), o.spec().concurrency()));
            components.forEach(c -> md.append(f(" %.3f |", perRequestUs(row, c) / 1000)));
            md.append(f(" %.0f %% |\n", otherPct(row)));
        }
        md.append('\n');

        md.append("## Resident memory after the run (VmRSS)\n\n| process | MiB |\n|---|---|\n");
        rss.forEach((name, mib) -> md.append(f("| %s | %.0f |\n", name, mib)));
        md.append('\n');

        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        LoadRun.Outcome d16 = find(rows, "chat completion", "direct", 16);
        LoadRun.Outcome s16 = find(rows, "chat completion", "suite", 16);
        if (d16 != null && s16 != null) {
            double a50 = p(s16.latencies(), 50) - p(d16.latencies(), 50);
            double a99 = p(s16.latencies(), 99) - p(d16.latencies(), 99);
            md.append(f("| added p50 < 1 ms, non-streamed, c=16 | %.2f ms | %s |\n", a50, a50 < 1 ? "yes" : "**no**"));
            md.append(f("| added p99 < 5 ms, non-streamed, c=16 | %.2f ms | %s |\n", a99, a99 < 5 ? "yes" : "**no**"));
        }
        if (pd != null && ps != null) {
            boolean same = Math.abs(eventsPer(pd) - eventsPer(ps)) < 0.01 && multiPct(ps) <= multiPct(pd) + 1;
            md.append(f("| no coalescing in streams (events and multi-event reads as direct) | %.2f events, %.1f %% multi-event reads (direct %.2f, %.1f %%) | %s |\n",
                    eventsPer(ps), multiPct(ps), eventsPer(pd), multiPct(pd), same ? "yes" : "**no**"));
        }
        LoadRun.Outcome append = find(rows, "append, 16 conversations", "suite", 16);
        if (append != null) {
            double a99 = p(append.latencies(), 99);
            md.append(f("| conversation append p99 < 10 ms, c=16 | %.2f ms | %s |\n", a99, a99 < 10 ? "yes" : "**no**"));
        }
        return md.toString();
    }

    private static LoadRun.Outcome find(List<Harness.Row> rows, String scenario, String target, int c) {
        for (Harness.Row row : rows) {
            LoadRun.Spec s = row.outcome().spec();
            if (s.scenario().equals(scenario) && s.target().equals(target) && s.concurrency() == c) {
                return row.outcome();
            }
        }
        return null;
    }

    private static String errors(LoadRun.Outcome d, LoadRun.Outcome s) {
        long e = (d == null ? 0 : d.errors()) + s.errors();
        return e == 0 ? "" : f(" (%d errors)", e);
    }

    private static String pp(long[] sorted) {
        return f("%.2f / %.2f", p(sorted, 50), p(sorted, 99));
    }

    private static String added(long[] direct, long[] suite) {
        return f("%.2f / %.2f", p(suite, 50) - p(direct, 50), p(suite, 99) - p(direct, 99));
    }

    private static double p(long[] sorted, double percentile) {
        return LoadRun.Outcome.percentileMs(sorted, percentile);
    }

    private static double eventsPer(LoadRun.Outcome o) {
        long streams = o.latencies().length;
        return streams == 0 ? 0 : (double) o.events() / streams;
    }

    private static double multiPct(LoadRun.Outcome o) {
        return o.reads() == 0 ? 0 : 100.0 * o.multiEventReads() / o.reads();
    }

    private static double perRequestUs(Harness.Row row, String component) {
        long n = row.outcome().latencies().length;
        return n == 0 ? 0 : row.cpuMillis().getOrDefault(component, 0L) * 1000.0 / n;
    }

    /** CPU used by processes that are not part of the benchmark, as a share of the whole machine. */
    private static double otherPct(Harness.Row row) {
        long ours = row.cpuMillis().entrySet().stream().filter(e -> !e.getKey().equals("machine"))
                .mapToLong(Map.Entry::getValue).sum();
        long other = Math.max(0, row.cpuMillis().getOrDefault("machine", 0L) - ours);
        return 100.0 * other / (row.outcome().elapsedSeconds() * 1000 * CORES);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
