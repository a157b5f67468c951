package io.jansuite.auth.service;

import io.jansuite.auth.AuthSession;
import io.jansuite.auth.RefreshToken;
import io.jansuite.auth.Revocation;
import io.jansuite.auth.User;
import io.jansuite.auth.config.AuthSettings;
import io.jansuite.auth.repository.RevocationRepository;
import io.jansuite.auth.repository.SessionRepository;
import io.jansuite.auth.repository.UserRepository;
import io.jansuite.common.auth.RevocationList;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.http.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Sessions and their refresh-token chains: open, rotate (with re-use detection) and revoke. Revoking writes
 * the revocation feed and tells this service's own {@link RevocationList} at once.
 */
@ApplicationScoped
public class SessionService {

    @Inject
    SessionRepository sessions;

    @Inject
    UserRepository users;

    @Inject
    RevocationRepository feed;

    @Inject
    RevocationList revocations;

    @Inject
    TokenIssuer tokens;

    @Inject
    AuthSettings settings;

    /** Opens a session for the user, in the caller's transaction. */
    public Uni<IssuedTokens> open(User user) {
        Instant now = Clock.now();
        AuthSession session = new AuthSession();
        session.id = Ids.next("ses");
        session.userId = user.id;
        session.createdAt = now;
        session.expiresAt = now.plus(settings.refreshTokenTtl());
        return sessions.persist(session).chain(s -> issue(user, s, now));
    }

    private Uni<IssuedTokens> issue(User user, AuthSession session, Instant now) {
        String refresh = tokens.refreshToken();
        RefreshToken row = new RefreshToken();
        row.tokenHash = Hashes.sha256(refresh);
        row.sessionId = session.id;
        row.createdAt = now;
        row.expiresAt = session.expiresAt;
        return row.<RefreshToken>persist().map(ignored -> new IssuedTokens(tokens.accessToken(user, session.id, now),
                refresh, tokens.accessTokenSeconds(), user.id));
    }

    private enum Outcome { ROTATED, INVALID, REUSED }

    private record Rotation(Outcome outcome, IssuedTokens tokens, String sessionId) {
    }

    /** Trades a refresh token for a new pair; a spent one revokes its whole session. */
    public Uni<IssuedTokens> refresh(String refreshToken) {
        if (refreshToken == null || !refreshToken.startsWith(TokenIssuer.REFRESH_PREFIX)) {
            return Uni.createFrom().failure(invalidRefresh());
        }
        // The transaction returns what happened instead of throwing, so a re-use's revocation commits.
        return Panache.withTransaction(() -> rotate(Hashes.sha256(refreshToken))).map(r -> switch (r.outcome()) {
            case ROTATED -> r.tokens();
            case INVALID -> throw invalidRefresh();
            case REUSED -> {
                revocations.revokeSession(r.sessionId());
                throw ApiException.unauthorized("refresh_token_reused",
                        "This refresh token was already used; its session has been revoked. Sign in again.");
            }
        });
    }

    private Uni<Rotation> rotate(String hash) {
        Instant now = Clock.now();
        return sessions.findRefreshToken(hash).chain(token -> {
            if (token == null || token.expiresAt.isBefore(now)) {
                return Uni.createFrom().item(new Rotation(Outcome.INVALID, null, null));
            }
            return sessions.findById(token.sessionId).chain(session -> {
                if (session == null || session.revokedAt != null || session.expiresAt.isBefore(now)) {
                    return Uni.createFrom().item(new Rotation(Outcome.INVALID, null, null));
                }
                return sessions.spend(hash, now).chain(spent -> {
                    if (!spent) {
                        return revokeInTransaction(session.id, now)
                                .map(x -> new Rotation(Outcome.REUSED, null, session.id));
                    }
                    session.expiresAt = now.plus(settings.refreshTokenTtl());
                    return users.findById(session.userId).chain(user -> user == null
                            ? Uni.createFrom().item(new Rotation(Outcome.INVALID, null, null))
                            : issue(user, session, now).map(t -> new Rotation(Outcome.ROTATED, t, session.id)));
                });
            });
        });
    }

    /** Revokes a session: its refresh token at once, its access tokens everywhere within the poll interval. */
    public Uni<Void> revokeSession(String sessionId) {
        return Panache.withTransaction(() -> revokeInTransaction(sessionId, Clock.now()))
                .invoke(() -> revocations.revokeSession(sessionId))
                .replaceWithVoid();
    }

    /** Revokes every live session of the user, in the caller's transaction (each one in the feed). */
    public Uni<Void> revokeAllOf(String userId) {
        Instant now = Clock.now();
        return sessions.liveIdsOf(userId, now).chain(ids -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (String id : ids) {
                all = all.chain(() -> revokeInTransaction(id, now)).invoke(() -> revocations.revokeSession(id))
                        .replaceWithVoid();
            }
            return all;
        });
    }

    private Uni<Boolean> revokeInTransaction(String sessionId, Instant now) {
        return sessions.revoke(sessionId, now).call(revoked -> revoked
                ? feed.append(Revocation.SESSION, sessionId, now) : Uni.createFrom().voidItem());
    }

    /** The session a refresh token belongs to, or null. */
    public Uni<String> sessionOfRefreshToken(String refreshToken) {
        return Panache.withSession(() -> sessions.findRefreshToken(Hashes.sha256(refreshToken)))
                .map(t -> t == null ? null : t.sessionId);
    }

    private static ApiException invalidRefresh() {
        return ApiException.unauthorized("invalid_refresh_token", "The refresh token is invalid, expired or revoked.");
    }
}
