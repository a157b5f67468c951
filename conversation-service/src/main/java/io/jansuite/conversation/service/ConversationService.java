package io.jansuite.conversation.service;

import io.jansuite.common.api.Page;
import io.jansuite.common.http.Ids;
import io.jansuite.conversation.Conversation;
import io.jansuite.conversation.Message;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversations of one user. Every lookup is by id and owner together, so another user's conversation is
 * simply not found (null), never a permission error.
 */
@ApplicationScoped
public class ConversationService {

    @Inject
    Limits limits;

    /** A conversation with its messages in order. */
    public record WithItems(Conversation conversation, List<Message> items) {
    }

    @WithTransaction
    public Uni<Conversation> create(String userId, String title, Map<String, Object> metadata) {
        limits.title(title);
        limits.metadata(metadata);
        Conversation c = new Conversation();
        c.id = Ids.next("conv");
        c.userId = userId;
        c.title = title;
        c.metadata = merge(new LinkedHashMap<>(), metadata);
        c.createdAt = Timestamps.now();
        c.updatedAt = c.createdAt;
        return c.persist().replaceWith(c);
    }

    @WithSession
    public Uni<Slice<Conversation>> list(String userId, Page page, boolean ascending) {
        Sort sort = ascending ? Sort.ascending("createdAt", "id") : Sort.descending("createdAt", "id");
        return Conversation.count("userId", userId).flatMap(total -> Conversation.<Conversation>find("userId", sort, userId)
                .range(page.offset(), page.offset() + page.limit() - 1).list()
                .map(items -> new Slice<>(items, total)));
    }

    @WithSession
    public Uni<WithItems> get(String userId, String id) {
        return owned(userId, id).flatMap(c -> c == null ? Uni.createFrom().nullItem()
                : Message.<Message>find("conversationId", Sort.ascending("position"), id).list()
                        .map(items -> new WithItems(c, items)));
    }

    @WithTransaction
    public Uni<Conversation> update(String userId, String id, String title, Map<String, Object> metadata) {
        limits.title(title);
        limits.metadata(metadata);
        return lockOwned(userId, id).map(c -> {
            if (c == null) {
                return null;
            }
            if (title != null) {
                c.title = title;
            }
            if (metadata != null) {
                Map<String, Object> merged = merge(new LinkedHashMap<>(c.metadata), metadata);
                limits.metadataSize(merged);
                c.metadata = merged;
            }
            c.updatedAt = Timestamps.after(c.updatedAt);
            return c;
        });
    }

    /** True when the caller's conversation existed and is gone (its messages and shares with it). */
    @WithTransaction
    public Uni<Boolean> delete(String userId, String id) {
        return Conversation.delete("id = ?1 and userId = ?2", id, userId).map(n -> n > 0);
    }

    /** Deletes those of the ids that are the caller's; the others are ignored. */
    @WithTransaction
    public Uni<Long> bulkDelete(String userId, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return Conversation.delete("userId = ?1 and id in ?2", userId, List.copyOf(ids));
    }

    @WithSession
    public Uni<Boolean> exists(String userId, String id) {
        return Conversation.count("id = ?1 and userId = ?2", id, userId).map(n -> n > 0);
    }

    /** The caller's conversation, or null. */
    public Uni<Conversation> owned(String userId, String id) {
        return Conversation.find("id = ?1 and userId = ?2", id, userId).firstResult();
    }

    /** The caller's conversation locked for the rest of the transaction (appends serialize on it), or null. */
    public Uni<Conversation> lockOwned(String userId, String id) {
        return Conversation.<Conversation>find("id = ?1 and userId = ?2", id, userId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Metadata keys merge: a new value replaces, null removes. */
    private Map<String, Object> merge(Map<String, Object> into, Map<String, Object> changes) {
        if (changes != null) {
            changes.forEach((k, v) -> {
                if (v == null) {
                    into.remove(k);
                } else {
                    into.put(k, v);
                }
            });
        }
        limits.metadataSize(into);
        return into;
    }
}
