package io.jansuite.conversation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jansuite.common.error.ApiException;
import io.jansuite.conversation.Conversation;
import io.jansuite.conversation.Message;
import io.jansuite.conversation.service.ShareService;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API shapes of this service (snake_case on the wire) and their mapping from the entities. */
public final class Views {

    private Views() {
    }

    public record ConversationView(String id, String object, String title, Map<String, Object> metadata, Instant createdAt,
            Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) List<ItemView> items) {
    }

    /** {@code status} is completed or incomplete; {@code incomplete_details} says why, only when incomplete. */
    public record ItemView(String id, String object, String conversationId, String role, String content, String contentType,
            String status, @JsonInclude(JsonInclude.Include.NON_NULL) IncompleteDetails incompleteDetails,
            Instant createdAt, Instant updatedAt) {
    }

    public record IncompleteDetails(String reason) {
    }

    public record ShareView(String id, String object, String slug, String shareLink, Instant expiresAt, boolean readOnly,
            boolean allowFeedback, Instant createdAt, Instant revokedAt) {
    }

    /** A shared conversation as the public sees it: no owner, no metadata, no ids but the messages'. */
    public record PublicShareView(String title, List<PublicItemView> items, Instant createdAt, Instant sharedAt,
            Instant expiresAt, boolean readOnly, boolean allowFeedback) {
    }

    public record PublicItemView(String id, String role, String content, String contentType, Instant createdAt) {
    }

    public record Deleted(long deletedCount) {
    }

    /** {@code {data: conversation}}, {@code {data: item}}, {@code {data: share}}: the 201 bodies, named for the API reference. */
    public record ConversationEnvelope(ConversationView data) {
    }

    public record ItemEnvelope(ItemView data) {
    }

    public record ShareEnvelope(ShareView data) {
    }

    static ConversationView conversation(Conversation c, List<Message> items) {
        return new ConversationView(c.id, "conversation", c.title, c.metadata, c.createdAt, c.updatedAt,
                items == null ? null : items.stream().map(Views::item).toList());
    }

    static ItemView item(Message m) {
        return new ItemView(m.id, "message", m.conversationId, m.role, m.content, m.contentType, m.status,
                m.incompleteReason == null ? null : new IncompleteDetails(m.incompleteReason), m.createdAt, m.updatedAt);
    }

    static PublicShareView publicShare(ShareService.Shared shared) {
        return new PublicShareView(shared.conversation().title,
                shared.items().stream()
                        .map(m -> new PublicItemView(m.id, m.role, m.content, m.contentType, m.createdAt)).toList(),
                shared.conversation().createdAt, shared.share().createdAt, shared.share().expiresAt,
                shared.share().readOnly, shared.share().allowFeedback);
    }

    /** {@code order=asc|desc}; anything else is a 400. */
    static boolean ascending(String order, boolean byDefault) {
        if (order == null || order.isBlank()) {
            return byDefault;
        }
        return switch (order.trim().toLowerCase()) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw ApiException.badRequest("invalid_order", "order must be asc or desc.", "order");
        };
    }

    static ApiException conversationNotFound() {
        return ApiException.notFound("conversation_not_found", "No such conversation.");
    }

    static ApiException itemNotFound() {
        return ApiException.notFound("item_not_found", "No such message in this conversation.");
    }
}
