package io.jansuite.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An upstream API (OpenAI-compatible, Anthropic or the built-in simulator). The key is stored encrypted. */
@Entity
@Table(name = "providers")
public class Provider extends PanacheEntityBase {

    public static final String SIMULATOR = "simulator";

    @Id
    public String id;

    public String name;

    public String type;

    @Column(name = "base_url")
    public String baseUrl;

    @Column(name = "api_key_enc")
    public String apiKeyEncrypted;

    public boolean enabled;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> settings = new HashMap<>();

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
