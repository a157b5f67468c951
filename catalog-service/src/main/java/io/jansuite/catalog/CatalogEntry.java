package io.jansuite.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A public model that clients name (e.g. {@code gpt-4o-mini}), served by provider models ({@link CatalogTarget}). */
@Entity
@Table(name = "catalog_entries")
public class CatalogEntry extends PanacheEntityBase {

    @Id
    @Column(name = "public_id")
    public String publicId;

    public String name;

    public boolean enabled;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> capabilities = new ArrayList<>();

    @Column(name = "context_window")
    public Integer contextWindow;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
