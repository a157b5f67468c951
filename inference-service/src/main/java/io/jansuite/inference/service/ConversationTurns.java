package io.jansuite.inference.service;

import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.neighbour.ConversationStore;
import io.jansuite.inference.neighbour.ConversationTurn;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The two writes of a completion that names a conversation: the user's messages before the upstream is asked
 * (a failure there fails the completion: nothing is asked that could not be kept), and the answer when it
 * ends, whole or marked incomplete with why. A failed answer write is logged and counted
 * ({@code jansuite_conversation_store_failures_total}) and reported to the client by the caller.
 */
@ApplicationScoped
public class ConversationTurns {

    private static final Logger LOG = Logger.getLogger(ConversationTurns.class);

    @Inject
    ConversationStore store;

    @Inject
    MeterRegistry metrics;

    /** Stores the request's user messages; fails with 404 or 503 in the envelope when that cannot be done. */
    public Uni<Void> storeQuestion(ChatRequest request, Caller caller) {
        return storeQuestion(request.conversationId(), request.model(), request.userMessages().stream()
                .map(m -> ConversationTurn.completed(m.role(), m.content())).toList(), caller);
    }

    /** Stores these turns of the caller (a Responses request's user input, say); fails as above. */
    public Uni<Void> storeQuestion(String conversationId, String model, List<ConversationTurn> turns, Caller caller) {
        if (conversationId == null || turns.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.appendTurns(conversationId, caller.authorizationHeader(), turns, model)
                .onFailure().transform(e -> {
                    if (e instanceof WebApplicationException w && w.getResponse().getStatus() == 404
                            || e instanceof ApiException a && a.status() == 404) {
                        return ApiException.notFound("conversation_not_found", "No conversation " + conversationId + ".");
                    }
                    failed("question", conversationId, e);
                    return ApiException.unavailable("conversation_unavailable",
                            "The conversation cannot be written; try again shortly.");
                });
    }

    /**
     * Stores the answer ({@code incompleteReason} null when whole); true when stored or there is no
     * conversation, false when the write failed. Runs to its end even if the caller stops listening (a client
     * that leaves must not cancel the write of what it was sent).
     */
    public Uni<Boolean> storeAnswer(ChatRequest request, Caller caller, String content, String incompleteReason) {
        return storeAnswer(request.conversationId(), request.model(), caller, content, incompleteReason);
    }

    /** As above, for any endpoint that names a conversation. */
    public Uni<Boolean> storeAnswer(String conversationId, String model, Caller caller, String content,
            String incompleteReason) {
        if (conversationId == null) {
            return Uni.createFrom().item(true);
        }
        Uni<Boolean> write = store.appendTurns(conversationId, caller.authorizationHeader(),
                        List.of(ConversationTurn.answer(content, incompleteReason)), model)
                .replaceWith(true)
                .onFailure().recoverWithItem(e -> {
                    failed("answer", conversationId, e);
                    return false;
                });
        return Uni.createFrom().emitter(emitter -> write.subscribe().with(emitter::complete, emitter::fail));
    }

    private void failed(String part, String conversationId, Throwable e) {
        LOG.warnf("could not store the %s in conversation %s: %s", part, conversationId, e.toString());
        metrics.counter("jansuite.conversation.store.failures", "part", part).increment();
    }
}
