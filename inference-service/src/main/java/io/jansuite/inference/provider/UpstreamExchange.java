package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An upstream response whose head has arrived and whose body is paused until read, as a whole or as SSE
 * events. A body that stalls longer than the idle timeout fails with a timeout; giving up on it (cancelling the
 * event stream) resets the request, so the upstream stops generating.
 */
public final class UpstreamExchange {

    /** Upper bound of events held for a slow client before the stream fails. */
    private static final int EVENT_BUFFER = 16_384;
    /** A hostile or broken upstream cannot exhaust memory: a whole (non-streamed) body is at most this. */
    static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
    /** ...and a stream at most this in all (which also bounds what EVENT_BUFFER can hold). */
    static final long MAX_STREAM_BYTES = 64L * 1024 * 1024;

    private final Vertx vertx;
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final long idleMs;

    private final AtomicBoolean claimed = new AtomicBoolean();
    private final long unclaimedTimer;

    UpstreamExchange(Vertx vertx, HttpClientRequest request, HttpClientResponse response, long idleMs) {
        this.vertx = vertx;
        this.request = request;
        this.response = response;
        this.idleMs = Math.max(1, idleMs);
        // A body nobody reads (the client left before its stream began) must not hold the upstream open.
        this.unclaimedTimer = vertx.setTimer(this.idleMs, t -> {
            if (claimed.compareAndSet(false, true)) {
                request.reset();
            }
        });
    }

    private boolean claim() {
        vertx.cancelTimer(unclaimedTimer);
        return claimed.compareAndSet(false, true);
    }

    public int status() {
        return response.statusCode();
    }

    public Uni<Buffer> body() {
        return Uni.createFrom().emitter(em -> {
            if (!claim()) {
                em.fail(UpstreamException.connect("upstream response abandoned"));
                return;
            }
            Buffer body = Buffer.buffer();
            AtomicBoolean ended = new AtomicBoolean();
            IdleTimer idle = new IdleTimer(() -> {
                if (ended.compareAndSet(false, true)) {
                    request.reset();
                    em.fail(UpstreamException.timeout("upstream stalled for " + idleMs + " ms"));
                }
            });
            response.handler(chunk -> {
                idle.touch();
                if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                    if (ended.compareAndSet(false, true)) {
                        idle.stop();
                        request.reset();
                        em.fail(UpstreamException.protocol("upstream response larger than " + MAX_BODY_BYTES + " bytes"));
                    }
                    return;
                }
                body.appendBuffer(chunk);
            });
            response.exceptionHandler(e -> {
                idle.stop();
                if (ended.compareAndSet(false, true)) {
                    em.fail(UpstreamException.connect("upstream body failed: " + e.getMessage()));
                }
            });
            response.endHandler(v -> {
                idle.stop();
                if (ended.compareAndSet(false, true)) {
                    em.complete(body);
                }
            });
            em.onTermination(() -> {
                idle.stop();
                if (ended.compareAndSet(false, true)) {
                    request.reset();
                }
            });
            idle.touch();
            response.resume();
        });
    }

    /** The body's error message when it is JSON with {@code error.message} (OpenAI and Anthropic alike). */
    public Uni<String> errorMessage(ObjectMapper json) {
        return body().map(b -> {
            try {
                JsonNode node = json.readTree(b.getBytes());
                JsonNode message = node.path("error").path("message");
                return message.isTextual() ? message.asText() : null;
            } catch (Exception e) {
                return null;
            }
        }).onFailure().recoverWithNull();
    }

    public Multi<SseParser.Event> events() {
        return Multi.createFrom().<SseParser.Event>emitter(em -> {
            if (!claim()) {
                em.fail(UpstreamException.connect("upstream response abandoned"));
                return;
            }
            AtomicBoolean ended = new AtomicBoolean();
            SseParser parser = new SseParser(em::emit);
            IdleTimer idle = new IdleTimer(() -> {
                if (ended.compareAndSet(false, true)) {
                    request.reset();
                    em.fail(UpstreamException.timeout("upstream stream stalled for " + idleMs + " ms"));
                }
            });
            long[] received = { 0 };
            response.handler(chunk -> {
                idle.touch();
                received[0] += chunk.length();
                try {
                    if (received[0] > MAX_STREAM_BYTES) {
                        throw UpstreamException.protocol("upstream stream larger than " + MAX_STREAM_BYTES + " bytes");
                    }
                    parser.feed(chunk);
                } catch (UpstreamException e) {
                    if (ended.compareAndSet(false, true)) {
                        idle.stop();
                        request.reset();
                        em.fail(e);
                    }
                }
            });
            response.exceptionHandler(e -> {
                idle.stop();
                if (ended.compareAndSet(false, true)) {
                    em.fail(UpstreamException.connect("upstream stream broke: " + e.getMessage()));
                }
            });
            response.endHandler(v -> {
                idle.stop();
                if (ended.compareAndSet(false, true)) {
                    parser.finish();
                    em.complete();
                }
            });
            em.onTermination(() -> {
                idle.stop();
                if (ended.compareAndSet(false, true)) {
                    request.reset(); // the client went away: stop the upstream generating
                }
            });
            idle.touch();
            response.resume();
        }, EVENT_BUFFER);
    }

    /** Restarted on every chunk; fires once when none came for idleMs. */
    private final class IdleTimer {
        private final Runnable onIdle;
        private long id = -1;
        private boolean stopped;

        IdleTimer(Runnable onIdle) {
            this.onIdle = onIdle;
        }

        synchronized void touch() {
            if (stopped) {
                return;
            }
            if (id >= 0) {
                vertx.cancelTimer(id);
            }
            id = vertx.setTimer(idleMs, t -> onIdle.run());
        }

        synchronized void stop() {
            stopped = true;
            if (id >= 0) {
                vertx.cancelTimer(id);
            }
        }
    }
}
