package io.jansuite.conversation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One message ("item") of a conversation, at a position unique within it. */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(nullable = false)
    public long position;

    @Column(nullable = false)
    public String role;

    @Column(nullable = false)
    public String content;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    /** {@code completed}, or {@code incomplete} for an answer cut short. */
    @Column(nullable = false)
    public String status;

    /** Why an incomplete message stopped: {@code upstream_error}, {@code client_disconnected}, {@code timeout}. */
    @Column(name = "incomplete_reason")
    public String incompleteReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
