package io.jansuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of the benchmark's processes, from {@code /proc}: the ingress (the launcher),
 * each service (the launcher's children), the upstream simulator, Redis, the bench database's PostgreSQL
 * backends, the harness itself, and everything else on the machine ("other": other people's builds).
 */
final class ProcessMeter {

    static final List<String> SERVICES = List.of("auth-service", "conversation-service", "inference-service",
            "catalog-service", "admin-service");
    private static final long TICK_MS = 10; // USER_HZ is 100 on Linux

    private final long launcherPid;
    private final long simulatorPid;
    private final Pattern postgresBackend;

    ProcessMeter(long launcherPid, long simulatorPid, String database) {
        this.launcherPid = launcherPid;
        this.simulatorPid = simulatorPid;
        this.postgresBackend = Pattern.compile("^postgres: (\\S+: )?\\S+ " + Pattern.quote(database) + " ");
    }

    /** The components and their pids, in display order. */
    Map<String, List<Long>> components() {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        out.put("ingress", List.of(launcherPid));
        List<ProcessHandle> children = ProcessHandle.of(launcherPid).map(p -> p.children().toList()).orElse(List.of());
        for (String service : SERVICES) {
            out.put(service, children.stream().filter(c -> cmdline(c.pid()).contains(service)).map(ProcessHandle::pid).toList());
        }
        out.put("upstream-simulator", List.of(simulatorPid));
        out.put("redis", pids(c -> c.startsWith("redis-server")));
        out.put("postgres", pids(c -> postgresBackend.matcher(c).find()));
        out.put("harness", List.of(ProcessHandle.current().pid()));
        return out;
    }

    /** CPU milliseconds used so far per component, plus "machine" (every CPU's busy time). */
    Map<String, Long> cpuMillis() {
        Map<String, Long> out = new LinkedHashMap<>();
        components().forEach((name, pids) -> out.put(name, pids.stream().mapToLong(ProcessMeter::cpuMillis).sum()));
        out.put("machine", machineBusyMillis());
        return out;
    }

    /** Resident memory in MiB per component (VmRSS). */
    Map<String, Double> rssMiB() {
        Map<String, Double> out = new LinkedHashMap<>();
        components().forEach((name, pids) -> {
            if (!name.equals("postgres") && !name.equals("redis")) {
                out.put(name, pids.stream().mapToLong(ProcessMeter::rssKiB).sum() / 1024.0);
            }
        });
        return out;
    }

    private static List<Long> pids(Predicate<String> cmdline) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.map(ProcessHandle::pid).filter(pid -> cmdline.test(cmdline(pid))).toList();
        }
    }

    static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS; // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    private static long machineBusyMillis() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * TICK_MS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
