package io.jansuite.conversation.service;

import io.jansuite.common.error.ApiException;
import io.jansuite.conversation.Message;
import io.jansuite.conversation.client.ChatRequest;
import io.jansuite.conversation.client.InferenceClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Regenerate: a real, non-streaming completion by the inference-service from the conversation up to a
 * message, stored as a new assistant message. No database session is held during the model call, and
 * nothing is stored when it fails.
 */
@ApplicationScoped
public class RegenerateService {

    @Inject
    MessageService messages;

    @Inject
    InferenceClient inference;

    public record Options(String model, Double temperature, Integer maxTokens) {
    }

    /** The new assistant message, or null when the conversation or the message is not the caller's. */
    public Uni<Message> regenerate(String userId, String authorization, String conversationId, String messageId,
            Options options) {
        return messages.contextFor(userId, conversationId, messageId).flatMap(context -> {
            if (context == null) {
                return Uni.createFrom().nullItem();
            }
            String model = options.model() != null && !options.model().isBlank() ? options.model() : context.lastModel();
            if (model == null) {
                return Uni.createFrom().failure(ApiException.badRequest("model_required",
                        "Name the model: this conversation has no model on record yet.", "model"));
            }
            List<ChatRequest.Turn> turns = context.messages().stream()
                    .map(m -> new ChatRequest.Turn(m.role, m.content)).toList();
            if (turns.isEmpty()) {
                return Uni.createFrom().failure(ApiException.badRequest("nothing_to_regenerate",
                        "There are no messages before this one to answer.", null));
            }
            ChatRequest request = new ChatRequest(model, turns, options.temperature(), options.maxTokens(), false);
            return inference.complete(authorization, request)
                    .flatMap(reply -> messages.append(userId, conversationId,
                            List.of(new MessageService.NewMessage("assistant", reply, "text")), model))
                    .map(created -> created == null ? null : created.get(0));
        });
    }
}
