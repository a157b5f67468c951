package io.jansuite.conversation.service;

import io.jansuite.common.api.Page;
import io.jansuite.common.http.Ids;
import io.jansuite.conversation.Conversation;
import io.jansuite.conversation.Message;
import io.jansuite.conversation.repository.MessageRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Messages of a conversation the caller owns. A null result means the conversation (or the message) is not
 * the caller's or does not exist.
 */
@ApplicationScoped
public class MessageService {

    @Inject
    ConversationService conversations;

    @Inject
    Limits limits;

    @Inject
    MessageRepository repository;

    /**
     * A message to append, already validated or about to be; {@code incompleteReason} null for a whole message,
     * else why it was cut short (see {@link Limits#incompleteReason}).
     */
    public record NewMessage(String role, String content, String contentType, String incompleteReason) {

        public NewMessage(String role, String content, String contentType) {
            this(role, content, contentType, null);
        }
    }

    /** What a regeneration needs: the messages that lead to it and the model to ask. */
    public record Context(List<Message> messages, String lastModel) {
    }

    public void validate(NewMessage m) {
        limits.role(m.role());
        limits.content(m.content());
        limits.contentType(m.contentType());
        limits.incompleteReason(m.incompleteReason());
    }

    /**
     * Appends in order, in one statement: the conversation row is locked and its {@code next_position} and
     * {@code message_count} bumped, so an append costs the same however long the conversation is.
     * {@code model}, when given, becomes the conversation's default model for regenerate.
     */
    public Uni<List<Message>> append(String userId, String conversationId, List<NewMessage> messages, String model) {
        messages.forEach(this::validate);
        List<MessageRepository.NewRow> rows = messages.stream().map(m -> new MessageRepository.NewRow(
                Ids.next("msg"), m.role(), m.content(), limits.contentType(m.contentType()), m.incompleteReason())).toList();
        return repository.append(userId, conversationId, rows, Timestamps.now(),
                model == null || model.isBlank() ? null : model);
    }

    /** A page in position order, with the conversation's message count; null when not the caller's. */
    public Uni<Slice<Message>> list(String userId, String conversationId, Page page, boolean ascending) {
        return repository.page(userId, conversationId, page.offset(), page.limit(), ascending)
                .map(p -> p == null ? null : new Slice<>(p.items(), p.total()));
    }

    /** All messages, oldest first (for the inference-service, which sends them to a model). */
    @WithSession
    public Uni<List<Message>> all(String userId, String conversationId) {
        return conversations.owned(userId, conversationId).flatMap(c -> c == null ? Uni.createFrom().nullItem()
                : Message.<Message>find("conversationId", Sort.ascending("position"), conversationId).list());
    }

    @WithTransaction
    public Uni<Message> edit(String userId, String conversationId, String messageId, String content) {
        limits.content(content);
        return conversations.lockOwned(userId, conversationId).flatMap(c -> c == null ? Uni.createFrom().nullItem()
                : find(conversationId, messageId).map(m -> {
                    if (m == null) {
                        return null;
                    }
                    m.content = content;
                    m.updatedAt = Timestamps.after(m.updatedAt);
                    c.updatedAt = Timestamps.after(c.updatedAt);
                    return m;
                }));
    }

    @WithTransaction
    public Uni<Boolean> delete(String userId, String conversationId, String messageId) {
        return conversations.lockOwned(userId, conversationId).flatMap(c -> c == null ? Uni.createFrom().item(false)
                : Message.delete("id = ?1 and conversationId = ?2", messageId, conversationId).map(n -> {
                    if (n > 0) {
                        c.messageCount -= n;
                        c.updatedAt = Timestamps.after(c.updatedAt);
                    }
                    return n > 0;
                }));
    }

    /**
     * The conversation up to a message: before it for an assistant message (that answer is being redone),
     * up to and including it otherwise (the model answers it). Null when either is not the caller's.
     */
    @WithSession
    public Uni<Context> contextFor(String userId, String conversationId, String messageId) {
        return conversations.owned(userId, conversationId).flatMap(c -> c == null ? Uni.createFrom().nullItem()
                : find(conversationId, messageId).flatMap(target -> {
                    if (target == null) {
                        return Uni.createFrom().nullItem();
                    }
                    String bound = "assistant".equals(target.role) ? "position < ?2" : "position <= ?2";
                    return Message.<Message>find("conversationId = ?1 and " + bound, Sort.ascending("position"),
                            conversationId, target.position).list().map(list -> new Context(list, c.lastModel));
                }));
    }

    @WithSession
    public Uni<Message> get(String userId, String conversationId, String messageId) {
        return conversations.owned(userId, conversationId).flatMap(c -> c == null ? Uni.createFrom().nullItem()
                : find(conversationId, messageId));
    }

    private Uni<Message> find(String conversationId, String messageId) {
        return Message.find("id = ?1 and conversationId = ?2", messageId, conversationId).firstResult();
    }
}
