package io.jansuite.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A sign-in: the {@code sid} of its access tokens, the owner of its refresh-token chain. */
@Entity
@Table(name = "sessions")
public class AuthSession extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Slides forward on every refresh: a session lives until it is unused for the refresh-token lifetime. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
