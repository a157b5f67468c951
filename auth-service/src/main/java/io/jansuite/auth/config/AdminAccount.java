package io.jansuite.auth.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The admin account set up at start-up ({@code app.admin.email} / {@code app.admin.password}: ADMIN_EMAIL, ADMIN_PASSWORD). */
@ConfigMapping(prefix = "app.admin")
public interface AdminAccount {

    Optional<String> email();

    Optional<String> password();
}
