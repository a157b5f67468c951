package io.jansuite.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
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

    /** The entry as the feed sends it, but for its id and time. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> entry;

    @Column(name = "created_at")
    public Instant createdAt;
}
