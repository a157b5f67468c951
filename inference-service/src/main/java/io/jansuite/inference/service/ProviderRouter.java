package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.config.InferenceConfig;
import io.jansuite.inference.neighbour.Route;
import io.jansuite.inference.provider.AnthropicProvider;
import io.jansuite.inference.provider.OpenAiProvider;
import io.jansuite.inference.provider.SimulatorProvider;
import io.jansuite.inference.provider.Target;
import io.jansuite.inference.provider.UpstreamException;
import io.jansuite.inference.provider.UpstreamProvider;
import io.jansuite.inference.provider.UpstreamReply;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Sends a request to a route's targets in priority order until one answers: a target whose provider's
 * circuit is open, or whose per-minute limit is spent, is skipped; connection errors, timeouts, 429 and 5xx
 * are retried with backoff, then the next target is tried. All of this happens before the client has been
 * sent a byte, so a failure here is still an honest HTTP error.
 */
@ApplicationScoped
public class ProviderRouter {

    private static final Logger LOG = Logger.getLogger(ProviderRouter.class);

    @Inject
    OpenAiProvider openai;

    @Inject
    AnthropicProvider anthropic;

    @Inject
    SimulatorProvider simulator;

    @Inject
    CircuitBreakers breakers;

    @Inject
    RateLimiter limiter;

    @Inject
    InferenceConfig config;

    @Inject
    Vertx vertx;

    @Inject
    ProviderSpans spans;

    /** The target that answered, its answer, the rate-limit state to report, and the caller's quota headers. */
    public record Dispatch(Target target, UpstreamReply reply, RateDecision rate, Map<String, List<String>> quota) {

        public Dispatch(Target target, UpstreamReply reply, RateDecision rate) {
            this(target, reply, rate, Map.of());
        }

        /** The same, answering with the caller's quota headers (X-RateLimit-*-Requests, -Tokens, -Budget). */
        public Dispatch withQuota(Map<String, List<String>> quotaHeaders) {
            return quotaHeaders.isEmpty() ? this : new Dispatch(target, reply, rate, quotaHeaders);
        }

        /**
         * The headers of the answer: the model's rate limit's, the caller's quotas', and the upstream's own name of
         * the model that served it.
         */
        public Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new LinkedHashMap<>(rate.headers());
            headers.putAll(quota);
            if (target.upstreamModel() != null) {
                headers.put(GatewayHeaders.UPSTREAM_MODEL, List.of(target.upstreamModel()));
            }
            return headers;
        }
    }

    /** What went wrong on the targets tried so far. */
    private static final class Trail {
        UpstreamException lastFailure;
        RateDecision limited;
        boolean skippedOpen;
    }

    /** How one request reaches one target (a chat completion, or another kind of call such as embeddings). */
    @FunctionalInterface
    public interface Send {
        Uni<UpstreamReply> send(Target target, ObjectNode request, UpstreamProvider.CallOptions options);
    }

    /** A chat completion, to the route's targets in order. */
    public Uni<Dispatch> dispatch(Route route, ObjectNode request, String requestedModel, boolean stream) {
        return dispatch(route.targets(), request, requestedModel, stream,
                (target, body, options) -> provider(target).call(target, body, options));
    }

    /** Any call, with the same skipping, retries and failover, to these targets in order. */
    public Uni<Dispatch> dispatch(List<Target> targets, ObjectNode request, String requestedModel, boolean stream,
            Send send) {
        if (targets.isEmpty()) {
            return Uni.createFrom().failure(ApiException.unavailable("no_provider_available",
                    "No enabled provider serves " + requestedModel + "."));
        }
        return next(targets, 0, request, requestedModel, stream, new Trail(), send);
    }

    private Uni<Dispatch> next(List<Target> targets, int index, ObjectNode request, String model, boolean stream,
            Trail trail, Send send) {
        if (index >= targets.size()) {
            return Uni.createFrom().failure(exhausted(trail));
        }
        Target target = targets.get(index);
        if (!breakers.allows(target.providerKey())) {
            trail.skippedOpen = true;
            return next(targets, index + 1, request, model, stream, trail, send);
        }
        return limiter.acquire(target.providerModelId(), target.requestsPerMinute()).chain(rate -> {
            if (!rate.allowed()) {
                trail.limited = trail.limited == null || rate.resetMs() < trail.limited.resetMs() ? rate : trail.limited;
                return next(targets, index + 1, request, model, stream, trail, send);
            }
            ObjectNode forTarget = request;
            if (!request.hasNonNull("temperature") && target.defaultTemperature() != null) {
                forTarget = request.deepCopy();
                forTarget.put("temperature", target.defaultTemperature());
            }
            return attempt(target, forTarget, options(target, model, stream), 1, send)
                    .map(reply -> new Dispatch(target, reply, rate))
                    .onFailure(UpstreamException.class).recoverWithUni(failure -> {
                        UpstreamException e = (UpstreamException) failure;
                        if (e.rejected()) {
                            return Uni.createFrom().failure(ApiException.badRequest("upstream_rejected_request",
                                    e.getMessage(), null));
                        }
                        trail.lastFailure = e;
                        return next(targets, index + 1, request, model, stream, trail, send);
                    });
        });
    }

    private Uni<UpstreamReply> attempt(Target target, ObjectNode request, UpstreamProvider.CallOptions options,
            int attempt, Send send) {
        return spans.around(target, options, attempt, () -> send.send(target, request, options))
                .onFailure(f -> !(f instanceof UpstreamException))
                .transform(f -> UpstreamException.protocol(String.valueOf(f.getMessage())))
                .invoke(() -> breakers.success(target.providerKey()))
                .onFailure().recoverWithUni(failure -> {
                    UpstreamException e = (UpstreamException) failure;
                    if (e.rejected()) {
                        breakers.success(target.providerKey());
                        return Uni.createFrom().failure(e);
                    }
                    breakers.failure(target.providerKey());
                    LOG.warnf("%s attempt %d failed: %s", target, attempt, e.getMessage());
                    if (!e.retryable() || attempt >= config.retry().attempts()
                            || !breakers.allows(target.providerKey())) {
                        return Uni.createFrom().failure(e);
                    }
                    long backoff = config.retry().backoff().toMillis() << (attempt - 1);
                    return delay(backoff).chain(() -> attempt(target, request, options, attempt + 1, send));
                });
    }

    private UpstreamProvider provider(Target target) {
        String type = target.providerType() == null ? "" : target.providerType();
        return switch (type) {
            case Target.ANTHROPIC -> anthropic;
            case Target.SIMULATOR -> simulator;
            case Target.OPENAI -> openai;
            default -> throw UpstreamException.protocol("unknown provider type " + type);
        };
    }

    private UpstreamProvider.CallOptions options(Target target, String model, boolean stream) {
        return new UpstreamProvider.CallOptions(model, stream,
                target.millis(config.connectTimeout().toMillis(), "connect_ms", "connect_timeout_ms"),
                // A whole answer only starts once it is complete: by default it may take much longer.
                target.millis((stream ? config.firstByteTimeout() : config.wholeAnswerTimeout()).toMillis(),
                        "first_byte_ms", "first_byte_timeout_ms", "read_ms", "read_timeout_ms"),
                target.millis(config.idleTimeout().toMillis(), "idle_ms", "idle_timeout_ms"));
    }

    private Uni<Void> delay(long ms) {
        return Uni.createFrom().emitter(em -> vertx.setTimer(Math.max(1, ms), t -> em.complete(null)));
    }

    private static ApiException exhausted(Trail trail) {
        if (trail.lastFailure == null && trail.limited != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            trail.limited.headers().forEach((k, v) -> headers.put(k, v.get(0)));
            return new ApiException(429, "rate_limit_exceeded", "Rate limit of " + trail.limited.limit()
                    + " requests per minute reached for this model; retry after " + trail.limited.resetSeconds()
                    + " s.", null, null, headers);
        }
        if (trail.lastFailure == null) {
            return ApiException.unavailable("providers_unavailable",
                    "Every provider of this model is failing; try again shortly.");
        }
        if (trail.lastFailure.timeout()) {
            return new ApiException(504, "upstream_timeout", "The model provider did not answer in time.", null);
        }
        String what = trail.lastFailure.status() > 0 ? "answered " + trail.lastFailure.status()
                : trail.lastFailure.retryable() ? "could not be reached" : "sent an invalid answer";
        return new ApiException(502, "upstream_error", "The model provider " + what + ".", null);
    }
}
