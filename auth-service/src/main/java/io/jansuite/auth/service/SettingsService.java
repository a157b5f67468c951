package io.jansuite.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.auth.UserSettings;
import io.jansuite.auth.repository.SettingsRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** A user's settings: defaults until changed; a PATCH deep-merges, all or nothing. */
@ApplicationScoped
public class SettingsService {

    @Inject
    SettingsRepository settings;

    /** The stored settings, completed with defaults for fields added since they were saved. */
    public record View(Map<String, Map<String, Object>> sections, java.time.Instant updatedAt) {
    }

    public Uni<View> get(String userId) {
        return Panache.withSession(() -> settings.findById(userId)).map(SettingsService::view);
    }

    public Uni<View> patch(String userId, JsonNode body) {
        Map<String, Map<String, Object>> changes = SettingsSchema.changes(body);
        return Panache.withTransaction(() -> settings.findById(userId).chain(found -> {
            UserSettings row = found;
            if (row == null) {
                row = new UserSettings();
                row.userId = userId;
            }
            Map<String, Map<String, Object>> merged = complete(row.settings);
            changes.forEach((section, values) -> merged.get(section).putAll(values));
            row.settings = merged;
            row.updatedAt = Clock.now();
            return found == null ? settings.persist(row) : Uni.createFrom().item(row);
        })).map(SettingsService::view);
    }

    private static View view(UserSettings row) {
        return row == null ? new View(SettingsSchema.defaults(), null) : new View(complete(row.settings), row.updatedAt);
    }

    private static Map<String, Map<String, Object>> complete(Map<String, Map<String, Object>> stored) {
        Map<String, Map<String, Object>> out = SettingsSchema.defaults();
        if (stored != null) {
            stored.forEach((section, values) -> {
                Map<String, Object> target = out.get(section);
                if (target != null && values != null) {
                    values.forEach((k, v) -> {
                        if (target.containsKey(k)) {
                            target.put(k, v);
                        }
                    });
                }
            });
        }
        return out;
    }
}
