package io.jansuite.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who calls whose internal routes (deploy/calls.tsv): a service shares a key with each of its peers, the
 * services it calls and those that call it, and with no other.
 */
public record InternalCalls(List<Call> calls) {

    public record Call(String caller, String callee) {
    }

    public static InternalCalls load(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the internal call list " + file, e);
        }
    }

    public static InternalCalls parse(List<String> lines) {
        return new InternalCalls(lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\t"))
                .map(f -> {
                    if (f.length < 2) {
                        throw new IllegalArgumentException("calls.tsv: expected caller<TAB>callee, got " + String.join(" ", f));
                    }
                    return new Call(f[0].strip(), f[1].strip());
                })
                .toList());
    }

    /** The services {@code service} shares an internal key with. */
    public Set<String> peers(String service) {
        Set<String> peers = new TreeSet<>();
        for (Call call : calls) {
            if (call.caller().equals(service)) {
                peers.add(call.callee());
            }
            if (call.callee().equals(service)) {
                peers.add(call.caller());
            }
        }
        return peers;
    }
}
