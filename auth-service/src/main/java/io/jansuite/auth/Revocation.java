package io.jansuite.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of the revocation feed: a session or an API key that no service may accept any more. */
@Entity
@Table(name = "revocations")
public class Revocation extends PanacheEntityBase {

    public static final String SESSION = "session";
    public static final String API_KEY = "api_key";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    public String kind;

    public String id;

    @Column(name = "created_at")
    public Instant createdAt;
}
