package io.jansuite.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A failed login, counted against its subject: a hashed account e-mail or a hashed client address. */
@Entity
@Table(name = "login_failures")
public class LoginFailure extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String subject;

    @Column(name = "failed_at")
    public Instant failedAt;
}
