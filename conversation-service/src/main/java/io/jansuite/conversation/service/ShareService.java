package io.jansuite.conversation.service;

import io.jansuite.common.api.Page;
import io.jansuite.common.http.Ids;
import io.jansuite.common.http.RequestIds;
import io.jansuite.conversation.Conversation;
import io.jansuite.conversation.Message;
import io.jansuite.conversation.Share;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** Public links to a conversation: created and revoked by its owner, read by anyone holding the slug. */
@ApplicationScoped
public class ShareService {

    /** 22 base62 characters: about 131 random bits from a SecureRandom. */
    static final int SLUG_LENGTH = 22;

    @Inject
    ConversationService conversations;

    /** What a public link shows: the conversation as it is now, without its owner or metadata. */
    public record Shared(Share share, Conversation conversation, List<Message> items) {
    }

    /** The outcome of opening a link: {@code shared} when it works, else why not. */
    public enum Status { OK, NOT_FOUND, EXPIRED, REVOKED }

    public record Opened(Status status, Shared shared) {
    }

    @WithTransaction
    public Uni<Share> create(String userId, String conversationId, Long expiresInSeconds, boolean readOnly,
            boolean allowFeedback) {
        return conversations.owned(userId, conversationId).flatMap(c -> {
            if (c == null) {
                return Uni.createFrom().nullItem();
            }
            Share s = new Share();
            s.id = Ids.next("shr");
            s.conversationId = c.id;
            s.slug = RequestIds.randomBase62(SLUG_LENGTH);
            s.readOnly = readOnly;
            s.allowFeedback = allowFeedback;
            s.createdAt = Timestamps.now();
            s.expiresAt = expiresInSeconds == null ? null : s.createdAt.plusSeconds(expiresInSeconds);
            return s.persist().replaceWith(s);
        });
    }

    /** The conversation's shares, newest first; null when the conversation is not the caller's. */
    @WithSession
    public Uni<Slice<Share>> list(String userId, String conversationId, Page page) {
        return conversations.owned(userId, conversationId).flatMap(c -> c == null ? Uni.createFrom().nullItem()
                : Share.count("conversationId", conversationId).flatMap(total -> Share
                        .<Share>find("conversationId", Sort.descending("createdAt", "id"), conversationId)
                        .range(page.offset(), page.offset() + page.limit() - 1).list()
                        .map(items -> new Slice<>(items, total))));
    }

    /** Revokes a link of the caller's conversation; false when there is no such link there. Idempotent. */
    @WithTransaction
    public Uni<Boolean> revoke(String userId, String conversationId, String shareId) {
        return conversations.owned(userId, conversationId).flatMap(c -> c == null ? Uni.createFrom().item(false)
                : Share.<Share>find("id = ?1 and conversationId = ?2", shareId, conversationId).firstResult().map(s -> {
                    if (s == null) {
                        return false;
                    }
                    if (s.revokedAt == null) {
                        s.revokedAt = Timestamps.now();
                    }
                    return true;
                }));
    }

    @WithSession
    public Uni<Opened> open(String slug) {
        return Share.<Share>find("slug", slug).firstResult().flatMap(s -> {
            if (s == null) {
                return Uni.createFrom().item(new Opened(Status.NOT_FOUND, null));
            }
            if (s.revokedAt != null) {
                return Uni.createFrom().item(new Opened(Status.REVOKED, null));
            }
            if (s.isExpired(Instant.now())) {
                return Uni.createFrom().item(new Opened(Status.EXPIRED, null));
            }
            return Conversation.<Conversation>findById(s.conversationId).flatMap(c -> c == null
                    ? Uni.createFrom().item(new Opened(Status.NOT_FOUND, null))
                    : Message.<Message>find("conversationId", Sort.ascending("position"), c.id).list()
                            .map(items -> new Opened(Status.OK, new Shared(s, c, items))));
        });
    }
}
