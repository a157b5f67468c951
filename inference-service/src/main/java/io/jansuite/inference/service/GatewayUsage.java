package io.jansuite.inference.service;

import io.jansuite.common.auth.Caller;
import io.jansuite.common.http.Ids;
import io.jansuite.inference.UsageRecord;
import io.jansuite.inference.neighbour.Route;
import io.jansuite.inference.quota.Reservation;
import io.jansuite.inference.quota.Spend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Usage of the gateway's other endpoints (embeddings, Anthropic messages), in the same table and batches
 * as chat completions: the model the client named, and the provider model and upstream model that served it.
 */
@ApplicationScoped
public class GatewayUsage {

    @Inject
    UsageRecorder usage;

    @Inject
    MeterRegistry metrics;

    /** One call to one endpoint: who, which model, when it started. */
    public record Call(String endpoint, Caller caller, String requestId, Route route, boolean stream, long startedNanos,
            Reservation reservation) {
    }

    public void record(Call call, ProviderRouter.Dispatch d, int inputTokens, int outputTokens, int status, String error) {
        UsageRecord row = write(call.caller(), call.requestId(), call.route(), d, call.stream(), call.startedNanos(),
                inputTokens, outputTokens, status, error, call.reservation());
        Timer.builder("jansuite.gateway.requests").description("Embeddings and messages calls by endpoint, model and status")
                .tags("endpoint", call.endpoint(), "model", row.model, "status", String.valueOf(status))
                .register(metrics).record(Duration.ofMillis(row.latencyMs));
    }

    /**
     * The usage row of one model call (chat, responses, embeddings, messages alike), queued for writing, with its
     * cost at the serving provider model's prices; and the call's quota reservation settled with that usage (or
     * released whole when no provider answered).
     */
    public UsageRecord write(Caller caller, String requestId, Route route, ProviderRouter.Dispatch d, boolean stream,
            long startedNanos, int inputTokens, int outputTokens, int status, String error, Reservation reservation) {
        UsageRecord row = new UsageRecord();
        row.id = Ids.next("use");
        row.createdAt = Instant.now();
        row.userId = caller == null ? null : caller.userId();
        row.apiKeyId = caller == null ? null : caller.apiKeyId();
        row.model = route.usageKey();
        if (d != null) {
            row.providerId = d.target().providerId();
            row.providerModelId = d.target().providerModelId();
            row.upstreamModel = d.target().upstreamModel();
        }
        row.promptTokens = inputTokens;
        row.completionTokens = outputTokens;
        row.latencyMs = (System.nanoTime() - startedNanos) / 1_000_000;
        row.status = status;
        row.stream = stream;
        row.errorCode = error;
        row.requestId = requestId;
        row.costNanoUsd = d == null ? 0 : Spend.nanoUsd(d.target(), inputTokens, outputTokens);
        if (reservation != null) {
            if (d == null) {
                reservation.release();
            } else {
                reservation.settle((long) inputTokens + outputTokens, row.costNanoUsd);
            }
        }
        usage.record(row);
        return row;
    }
}
