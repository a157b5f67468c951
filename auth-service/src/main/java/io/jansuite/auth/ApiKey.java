package io.jansuite.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An API key, stored by its SHA-256 hash only. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "user_id")
    public String userId;

    public String name;

    @Column(name = "key_hash")
    public String keyHash;

    public String prefix;

    @Convert(converter = CommaSeparated.class)
    public List<String> scopes;

    /** The models this key may use; null: every model. */
    @Convert(converter = LineSeparated.class)
    public List<String> models;

    @Column(name = "is_active")
    public boolean active;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
