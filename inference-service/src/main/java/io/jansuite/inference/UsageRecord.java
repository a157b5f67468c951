package io.jansuite.inference;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One chat completion as billed: caller, model, provider, tokens, latency and HTTP outcome. */
@Entity
@Table(name = "usage")
public class UsageRecord extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "api_key_id")
    public String apiKeyId;

    /** The catalog model the client named. */
    public String model;

    @Column(name = "provider_id")
    public String providerId;

    @Column(name = "provider_model_id")
    public String providerModelId;

    @Column(name = "upstream_model")
    public String upstreamModel;

    @Column(name = "prompt_tokens")
    public int promptTokens;

    @Column(name = "completion_tokens")
    public int completionTokens;

    @Column(name = "latency_ms")
    public long latencyMs;

    public int status;

    public boolean stream;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "request_id")
    public String requestId;

    /** What the call cost at the serving provider model's prices, in nano-USD (10^-9 USD); 0 when not priced. */
    @Column(name = "cost_nano_usd")
    public long costNanoUsd;
}
