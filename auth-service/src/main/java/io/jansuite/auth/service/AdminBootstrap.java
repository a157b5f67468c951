package io.jansuite.auth.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** At start-up, {@code ADMIN_EMAIL}/{@code ADMIN_PASSWORD} create the admin account or update it. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    @ConfigProperty(name = "app.admin.email")
    Optional<String> email;

    @ConfigProperty(name = "app.admin.password")
    Optional<String> password;

    @Inject
    AccountService accounts;

    @Inject
    PasswordHasher hasher;

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (email.filter(e -> !e.isBlank()).isEmpty() || password.filter(p -> !p.isEmpty()).isEmpty()) {
            return;
        }
        if (password.get().length() < AccountService.MIN_PASSWORD) {
            LOG.errorf("ADMIN_PASSWORD is shorter than %d characters: the admin account was not set up",
                    AccountService.MIN_PASSWORD);
            return;
        }
        String hash = hasher.hashNow(password.get());
        boolean created = VertxContextSupport.subscribeAndAwait(() -> accounts.ensureAdmin(email.get(), hash));
        LOG.infof("admin account %s", created ? "created" : "updated");
    }
}
