package io.jansuite.inference.neighbour;

import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** A conversation's history from the conversation-service, acting with the caller's own credential. */
@ApplicationScoped
public class ConversationStore {

    @RestClient
    ConversationApi client;

    /** The messages oldest first, or null when the conversation is not the caller's (or does not exist). */
    public Uni<List<ConversationMessage>> messages(String conversationId, String authorization) {
        return client.messages(conversationId, authorization)
                .map(m -> m == null || m.data() == null ? List.<ConversationMessage>of() : m.data())
                .onFailure(e -> e instanceof ApiException a && a.status() == 404)
                .recoverWithNull();
    }

    /** Appends whole messages. */
    public Uni<Void> append(String conversationId, String authorization, List<ConversationMessage> messages,
            String model) {
        return appendTurns(conversationId, authorization,
                messages.stream().map(m -> ConversationTurn.completed(m.role(), m.content())).toList(), model);
    }

    /** Appends turns, whole or marked incomplete; fails with a 404 when the conversation is not the caller's. */
    public Uni<Void> appendTurns(String conversationId, String authorization, List<ConversationTurn> turns,
            String model) {
        return client.append(conversationId, authorization, new ConversationApi.Append(turns, model))
                .replaceWithVoid();
    }
}
