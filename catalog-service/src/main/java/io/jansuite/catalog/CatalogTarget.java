package io.jansuite.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A provider model serving a catalog entry; the lowest {@code priority} is tried first. */
@Entity
@Table(name = "catalog_targets")
public class CatalogTarget extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "catalog_id")
    public String catalogId;

    @Column(name = "provider_model_id")
    public String providerModelId;

    public int priority;
}
