package io.jansuite.auth.service;

import io.jansuite.auth.User;
import io.jansuite.auth.repository.UserRepository;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.http.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Guests, registered accounts and password sign-in. */
@ApplicationScoped
public class AccountService {

    static final List<String> USER_ROLES = List.of("user");
    static final List<String> ADMIN_ROLES = List.of("user", "admin");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    public static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 1024;

    @Inject
    UserRepository users;

    @Inject
    SessionService sessions;

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    @Inject
    ApiKeyService apiKeys;

    public Uni<IssuedTokens> guest() {
        return Panache.withTransaction(() -> {
            User user = newUser(null, null, USER_ROLES, true);
            return users.persist(user).chain(sessions::open);
        });
    }

    /**
     * Registers an account; a guest calling with its own credential is upgraded in place (same user id,
     * so its conversations and settings stay its own).
     */
    public Uni<IssuedTokens> register(String rawEmail, String password, Caller caller) {
        String email = normaliseEmail(rawEmail);
        validatePassword(password);
        return hasher.hash(password).chain(hash -> Panache.withTransaction(() -> users.findByEmail(email).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(emailTaken());
            }
            Uni<User> guest = caller != null && caller.guest()
                    ? users.findById(caller.userId()) : Uni.createFrom().nullItem();
            return guest.chain(found -> {
                User user;
                if (found != null && found.guest) {
                    user = found;
                    user.email = email;
                    user.passwordHash = hash;
                    user.guest = false;
                    user.updatedAt = Clock.now();
                } else {
                    user = newUser(email, hash, USER_ROLES, false);
                }
                return users.persistAndFlush(user).chain(sessions::open);
            });
        }))).onFailure(AccountService::isUniqueViolation).transform(e -> emailTaken());
    }

    public Uni<IssuedTokens> login(String rawEmail, String password, String clientAddress) {
        if (rawEmail == null || rawEmail.isBlank()) {
            throw ApiException.badRequest("missing_email", "email is required.", "email");
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.badRequest("missing_password", "password is required.", "password");
        }
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        String limitedPassword = password.length() > MAX_PASSWORD ? password.substring(0, MAX_PASSWORD) : password;
        return throttle.attempt(email, clientAddress)
                .chain(() -> Panache.withSession(() -> users.findByEmail(email)))
                .chain(user -> hasher.matches(limitedPassword, user == null ? null : user.passwordHash).chain(ok -> {
                    if (!ok) {
                        return Uni.createFrom().<IssuedTokens>failure(ApiException.unauthorized("invalid_credentials",
                                "Wrong e-mail or password."));
                    }
                    return throttle.succeeded(email, clientAddress)
                            .chain(() -> Panache.withTransaction(() -> sessions.open(user)));
                }));
    }

    public Uni<User> find(String userId) {
        return Panache.withSession(() -> users.findById(userId));
    }

    /** What the admin bootstrap did to the account. */
    public enum AdminOutcome { CREATED, RESET, UNCHANGED }

    /**
     * Creates the admin account, or makes the existing account an admin with this password. An account that
     * this promotes or whose password it changes loses its sessions and API keys: whoever held them before
     * the operator took the account over must not keep them. An admin with this very password is left alone.
     */
    public Uni<AdminOutcome> ensureAdmin(String rawEmail, String password) {
        String email = normaliseEmail(rawEmail);
        return Panache.withSession(() -> users.findByEmail(email)).chain(existing -> {
            if (existing == null) {
                return hasher.hash(password).chain(hash -> Panache.withTransaction(
                        () -> users.persist(newUser(email, hash, ADMIN_ROLES, false)))).replaceWith(AdminOutcome.CREATED);
            }
            return hasher.matches(password, existing.passwordHash).chain(same -> {
                if (same && existing.isAdmin() && !existing.guest) {
                    return Uni.createFrom().item(AdminOutcome.UNCHANGED);
                }
                return hasher.hash(password).chain(hash -> Panache.withTransaction(() -> users.findById(existing.id)
                        .chain(user -> {
                            user.passwordHash = hash;
                            user.roles = ADMIN_ROLES;
                            user.guest = false;
                            user.updatedAt = Clock.now();
                            return sessions.revokeAllOf(user.id).chain(() -> apiKeys.revokeAllOf(user.id));
                        }))).replaceWith(AdminOutcome.RESET);
            });
        });
    }

    public static String normaliseEmail(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("missing_email", "email is required.", "email");
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("invalid_email", "email is not a valid e-mail address.", "email");
        }
        return email;
    }

    public static void validatePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiException.badRequest("weak_password",
                    "password must be at least " + MIN_PASSWORD + " characters long.", "password");
        }
        if (password.length() > MAX_PASSWORD) {
            throw ApiException.badRequest("invalid_password",
                    "password must be at most " + MAX_PASSWORD + " characters long.", "password");
        }
    }

    private static User newUser(String email, String passwordHash, List<String> roles, boolean guest) {
        Instant now = Clock.now();
        User user = new User();
        user.id = Ids.next("usr");
        user.email = email;
        user.passwordHash = passwordHash;
        user.roles = roles;
        user.guest = guest;
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    }

    private static ApiException emailTaken() {
        return ApiException.conflict("email_taken", "An account with this e-mail already exists.", null);
    }

    private static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.hibernate.exception.ConstraintViolationException
                    || (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }
}
