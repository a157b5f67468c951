package io.jansuite.conversation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A public, read-only link to a conversation; revoked links stay (so that they answer 410, not 404). */
@Entity
@Table(name = "share")
public class Share extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(name = "read_only", nullable = false)
    public boolean readOnly;

    @Column(name = "allow_feedback", nullable = false)
    public boolean allowFeedback;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
