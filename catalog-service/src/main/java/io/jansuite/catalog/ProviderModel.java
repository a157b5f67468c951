package io.jansuite.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One upstream model of one provider, with its own switch, limits and defaults. */
@Entity
@Table(name = "provider_models")
public class ProviderModel extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "provider_id")
    public String providerId;

    /** The upstream's own model id, e.g. {@code gpt-4o-mini}. */
    @Column(name = "model_id")
    public String modelId;

    public boolean enabled;

    @Column(name = "context_window")
    public Integer contextWindow;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> capabilities = new ArrayList<>();

    @Column(name = "default_temperature")
    public Double defaultTemperature;

    @Column(name = "requests_per_minute")
    public Integer requestsPerMinute;

    /** USD per million input (prompt) tokens; null: not priced (its calls cost nothing against budgets). */
    @Column(name = "input_price_per_million_usd")
    public BigDecimal inputPricePerMillionUsd;

    /** USD per million output (completion) tokens. */
    @Column(name = "output_price_per_million_usd")
    public BigDecimal outputPricePerMillionUsd;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
