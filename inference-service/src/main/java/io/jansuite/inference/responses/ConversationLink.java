package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.neighbour.ConversationMessage;
import io.jansuite.inference.neighbour.ConversationStore;
import io.jansuite.inference.neighbour.ConversationTurn;
import io.jansuite.inference.service.ConversationTurns;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The Jan extra {@code conversation} of a response, as chat completions have it: the conversation's messages
 * are the turns before this input; the user's input is stored in it before the model is asked (a failure
 * there fails the request: nothing is asked that could not be kept), and the answer when the response ends
 * (its text; a failed one marked incomplete with why). Tool calls stay in the response, not in the
 * conversation, whose messages carry text only.
 */
@ApplicationScoped
class ConversationLink {

    private static final Logger LOG = Logger.getLogger(ConversationLink.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Inject
    ConversationStore store;

    @Inject
    ConversationTurns turns;

    /** The conversation's messages as input items, oldest first; 404 when it is not the caller's. */
    Uni<ArrayNode> history(String conversationId, Caller caller) {
        return store.messages(conversationId, caller.authorizationHeader())
                .onFailure().transform(e -> {
                    LOG.warnf("conversation-service unavailable: %s", e.toString());
                    return ApiException.unavailable("conversation_unavailable",
                            "Conversations are unavailable; try again shortly.");
                })
                .map(messages -> {
                    if (messages == null) {
                        throw new ApiException(404, "conversation_not_found", "No conversation " + conversationId
                                + ".", "conversation");
                    }
                    ArrayNode items = NODES.arrayNode();
                    for (ConversationMessage m : messages) {
                        String role = m.role();
                        if (role.equals("user") || role.equals("assistant") || role.equals("system")) {
                            String type = role.equals("assistant") ? "output_text" : "input_text";
                            ObjectNode item = InputItems.message(role, NODES.arrayNode()
                                    .add(InputItems.part(type, m.content() == null ? "" : m.content())));
                            items.add(item);
                        } // tool results without the call that asked for them mean nothing to a model
                    }
                    return items;
                });
    }

    /** Stores the user's messages of this request's input. */
    Uni<Void> storeQuestion(ResponseRun run) {
        String conversationId = run.request().conversationId();
        if (conversationId == null) {
            return Uni.createFrom().voidItem();
        }
        List<ConversationTurn> question = new ArrayList<>();
        for (JsonNode item : run.request().input()) {
            if (item.path("type").asText().equals("message") && item.path("role").asText().equals("user")) {
                question.add(ConversationTurn.completed("user", ChatMessages.text(item.path("content"))));
            }
        }
        return turns.storeQuestion(conversationId, run.request().model(), question, run.caller());
    }

    /** Stores the answer of a finished response: never fails (a failed write is logged and counted). */
    Uni<Boolean> storeAnswer(ResponseRun run, ObjectNode response) {
        String conversationId = run.request().conversationId();
        String status = response.path("status").asText();
        if (conversationId == null || status.equals("cancelled")) {
            return Uni.createFrom().item(true);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode item : response.path("output")) {
            if (item.path("type").asText().equals("message")) {
                text.append(text.isEmpty() ? "" : "\n").append(ChatMessages.text(item.path("content")));
            }
        }
        if (text.isEmpty() && !status.equals("failed")) {
            return Uni.createFrom().item(true); // e.g. only function calls for the client: no answer yet
        }
        String reason = status.equals("failed") ? "upstream_error" : null;
        return turns.storeAnswer(conversationId, run.request().model(), run.caller(), text.toString(), reason);
    }
}
