package io.jansuite.conversation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A user's conversation. Messages are rows of {@link Message}; {@code nextPosition} orders them. */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    public String title;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> metadata = new LinkedHashMap<>();

    /** The model of the last completion stored here: the default for regenerate. */
    @Column(name = "last_model")
    public String lastModel;

    @Column(name = "next_position", nullable = false)
    public long nextPosition;

    /** Messages in it now (positions can have gaps after deletes, so not {@code nextPosition}). */
    @Column(name = "message_count", nullable = false)
    public long messageCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
