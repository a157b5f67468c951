package io.jansuite.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row holding the catalog's version (bumped on every change) and the bootstrap marker. */
@Entity
@Table(name = "catalog_state")
public class CatalogState extends PanacheEntityBase {

    public static final int ROW = 1;

    @Id
    public Integer id;

    public long version;

    @Column(name = "simulator_seeded")
    public boolean simulatorSeeded;
}
