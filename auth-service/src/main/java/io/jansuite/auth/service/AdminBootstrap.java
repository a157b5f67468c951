package io.jansuite.auth.service;

import io.jansuite.auth.config.AdminAccount;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * At start-up, {@code ADMIN_EMAIL}/{@code ADMIN_PASSWORD} create the admin account or update it (see
 * {@link AccountService#ensureAdmin}: taking over an existing account revokes its sessions and keys).
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    @Inject
    AdminAccount admin;

    @Inject
    AccountService accounts;

    void onStart(@Observes StartupEvent event) throws Throwable {
        Optional<String> email = admin.email();
        Optional<String> password = admin.password();
        if (email.filter(e -> !e.isBlank()).isEmpty() || password.filter(p -> !p.isEmpty()).isEmpty()) {
            return;
        }
        if (password.get().length() < AccountService.MIN_PASSWORD) {
            LOG.errorf("ADMIN_PASSWORD is shorter than %d characters: the admin account was not set up",
                    AccountService.MIN_PASSWORD);
            return;
        }
        AccountService.AdminOutcome outcome = apply(email.get(), password.get());
        LOG.infof("admin account %s", switch (outcome) {
            case CREATED -> "created";
            case RESET -> "promoted or given the new password; its earlier sessions and API keys are revoked";
            case UNCHANGED -> "unchanged";
        });
    }

    /** Sets up the admin account with these credentials and waits for it (start-up, and tests). */
    public AccountService.AdminOutcome apply(String adminEmail, String adminPassword) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> accounts.ensureAdmin(adminEmail, adminPassword));
    }
}
