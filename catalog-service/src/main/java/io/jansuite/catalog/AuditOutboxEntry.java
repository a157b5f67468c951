package io.jansuite.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The audit entry of one admin change, committed with the change; the admin-service copies it into its log. */
@Entity
@Table(name = "admin_audit_outbox")
public class AuditOutboxEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "actor_user_id")
    public String actorUserId;

    @Column(name = "actor_key_id")
    public String actorKeyId;

    public String action;

    @Column(name = "target_type")
    public String targetType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_ids", columnDefinition = "text[]")
    public List<String> targetIds = new ArrayList<>();

    public String reason;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> before;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> after;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "created_at")
    public Instant createdAt;
}
