package io.jansuite.auth.repository;

import io.jansuite.auth.UserSettings;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SettingsRepository implements PanacheRepositoryBase<UserSettings, String> {
}
