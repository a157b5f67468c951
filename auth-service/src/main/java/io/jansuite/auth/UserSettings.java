package io.jansuite.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A user's settings document: {@code section -> field -> value}, always complete (defaults filled in). */
@Entity
@Table(name = "user_settings")
public class UserSettings extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Map<String, Object>> settings;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
