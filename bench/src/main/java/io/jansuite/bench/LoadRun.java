package io.jansuite.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop load: {@code concurrency} connections, each sending its next request as soon as the previous
 * answer has ended, for a time or a number of requests. Records the latency of every answer (to its last
 * byte) and, for event streams, the time to the first {@code data:} line, the events received, and how many
 * network reads carried more than one event (coalescing).
 */
final class LoadRun {

    /** One request to send. */
    record Call(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
    }

    /** Makes worker {@code worker}'s {@code n}-th request. */
    interface Calls {
        Call next(int worker, long n);
    }

    /** What to run: against {@code baseUrl}, for {@code seconds} or until {@code maxRequests} were sent. */
    record Spec(String scenario, String target, String baseUrl, int concurrency, double seconds, long maxRequests,
                boolean stream, Calls calls) {
    }

    /** What came out. Latencies in nanoseconds, sorted. */
    record Outcome(Spec spec, long[] latencies, long[] firstEvents, long errors, String firstError, double elapsedSeconds,
                   long events, long reads, long multiEventReads) {

        double rps() {
            return latencies.length / elapsedSeconds;
        }

        static double percentileMs(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    private static final byte[] DATA = "data:".getBytes();

    private final Vertx vertx;
    private final Context context;

    LoadRun(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    /** Runs {@code spec} for {@code warmSeconds} unrecorded, then for real, on fresh connections. */
    Outcome run(Spec spec, double warmSeconds) throws Exception {
        URI base = URI.create(spec.baseUrl());
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                        .setDefaultHost(base.getHost()).setDefaultPort(base.getPort()).setMaxInitialLineLength(16 * 1024),
                new PoolOptions().setHttp1MaxSize(spec.concurrency()).setMaxWaitQueueSize(-1));
        try {
            if (warmSeconds > 0) {
                execute(client, base.getPath(), spec, warmSeconds, Long.MAX_VALUE);
            }
            return execute(client, base.getPath(), spec, spec.seconds(), spec.maxRequests());
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private Outcome execute(HttpClient client, String prefix, Spec spec, double seconds, long maxRequests) throws Exception {
        State state = new State(spec, client, prefix, maxRequests);
        context.runOnContext(v -> state.start(seconds));
        long timeout = (long) (seconds * 1000) + 120_000;
        return state.done.get(timeout, TimeUnit.MILLISECONDS);
    }

    /** Everything of one execution; touched only on the harness's one event loop. */
    private final class State {
        final Spec spec;
        final HttpClient client;
        final String prefix;
        final long maxRequests;
        final CompletableFuture<Outcome> done = new CompletableFuture<>();
        long[] latencies = new long[4096];
        int count;
        long[] firsts;
        int firstCount;
        long sent;
        long errors;
        String firstError;
        long events;
        long reads;
        long multiEventReads;
        int active;
        boolean stopping;
        long began;

        State(Spec spec, HttpClient client, String prefix, long maxRequests) {
            this.spec = spec;
            this.client = client;
            this.prefix = prefix;
            this.maxRequests = maxRequests;
            this.firsts = new long[spec.stream() ? 4096 : 0];
        }

        void start(double seconds) {
            began = System.nanoTime();
            if (seconds > 0) {
                vertx.setTimer(Math.max(1, (long) (seconds * 1000)), t -> stopping = true);
            }
            active = spec.concurrency();
            for (int w = 0; w < spec.concurrency(); w++) {
                issue(w);
            }
        }

        void issue(int worker) {
            if (stopping || sent >= maxRequests) {
                if (--active == 0) {
                    finish();
                }
                return;
            }
            Call call = spec.calls().next(worker, sent++);
            RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(prefix + call.path());
            call.headers().forEach(options::putHeader);
            long t0 = System.nanoTime();
            client.request(options)
                    .compose(request -> call.body() == null ? request.send() : request.send(call.body()))
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            failed(worker, ar.cause().toString());
                            return;
                        }
                        HttpClientResponse response = ar.result();
                        if (response.statusCode() / 100 != 2) {
                            response.body().onComplete(b -> failed(worker, "HTTP " + response.statusCode() + " "
                                    + (b.succeeded() ? b.result().toString() : "")));
                            return;
                        }
                        if (!spec.stream()) {
                            response.body().onComplete(b -> {
                                if (b.failed()) {
                                    failed(worker, b.cause().toString());
                                } else {
                                    record(System.nanoTime() - t0);
                                    issue(worker);
                                }
                            });
                            return;
                        }
                        int[] matched = { 0 }; // position in "data:" at a line start; -1 inside a line
                        long[] first = { -1 };
                        response.handler(buffer -> {
                            int inRead = 0;
                            for (int i = 0; i < buffer.length(); i++) {
                                byte b = buffer.getByte(i);
                                if (matched[0] >= 0) {
                                    if (b == DATA[matched[0]]) {
                                        if (++matched[0] == DATA.length) {
                                            inRead++;
                                            matched[0] = -1;
                                        }
                                    } else {
                                        matched[0] = -1;
                                    }
                                }
                                if (b == '\n') {
                                    matched[0] = 0;
                                }
                            }
                            if (inRead > 0 && first[0] < 0) {
                                first[0] = System.nanoTime() - t0;
                            }
                            events += inRead;
                            reads++;
                            if (inRead > 1) {
                                multiEventReads++;
                            }
                        });
                        response.exceptionHandler(e -> failed(worker, e.toString()));
                        response.endHandler(v -> {
                            record(System.nanoTime() - t0);
                            if (first[0] >= 0) {
                                if (firstCount == firsts.length) {
                                    firsts = Arrays.copyOf(firsts, firstCount * 2);
                                }
                                firsts[firstCount++] = first[0];
                            }
                            issue(worker);
                        });
                    });
        }

        void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        void failed(int worker, String message) {
            errors++;
            if (firstError == null) {
                firstError = message.length() > 300 ? message.substring(0, 300) : message;
            }
            // Back off a little, so a failing target does not turn into a busy loop.
            vertx.setTimer(5, t -> issue(worker));
        }

        void finish() {
            double elapsed = (System.nanoTime() - began) / 1e9;
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            long[] firstSorted = Arrays.copyOf(firsts, firstCount);
            Arrays.sort(firstSorted);
            done.complete(new Outcome(spec, sorted, firstSorted, errors, firstError, elapsed, events, reads, multiEventReads));
        }
    }
}
