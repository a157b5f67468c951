package io.jansuite.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An account: a guest (no e-mail, no password) or a registered user. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    public String id;

    public String email;

    @Column(name = "password_hash")
    public String passwordHash;

    @Convert(converter = CommaSeparated.class)
    public List<String> roles;

    @Column(name = "is_guest")
    public boolean guest;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isAdmin() {
        return roles != null && roles.contains("admin");
    }
}
