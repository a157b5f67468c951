package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.inference.neighbour.ConversationMessage;
import io.jansuite.inference.provider.MessageContent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Bounds the history sent upstream by the model's context window: the request's own messages and the
 * history's system messages always go, then the newest turns that still fit; the oldest are dropped first.
 * Tokens are estimated at four characters each plus four per message (no tokenizer is at hand for every
 * provider; the estimate errs on the generous side for English). Room is kept for the answer:
 * {@code max_completion_tokens} or {@code max_tokens} when given, else a quarter of the window (at most 4096).
 * Empty answers (a turn whose upstream failed before a word) are not replayed.
 */
final class HistoryWindow {

    private HistoryWindow() {
    }

    static int tokens(String text) {
        return (text.length() + 3) / 4 + 4;
    }

    static List<ConversationMessage> fit(List<ConversationMessage> history, ObjectNode request, int contextWindow) {
        int budget = contextWindow - reserved(request, contextWindow);
        for (JsonNode m : request.path("messages")) {
            budget -= tokens(MessageContent.text(m.get("content")));
        }
        List<ConversationMessage> replayable = history.stream()
                .filter(m -> !(m.role().equals("assistant") && m.content().isEmpty())).toList();
        for (ConversationMessage m : replayable) {
            if (isSystem(m)) {
                budget -= tokens(m.content());
            }
        }
        Deque<ConversationMessage> kept = new ArrayDeque<>();
        for (int i = replayable.size() - 1; i >= 0; i--) {
            ConversationMessage m = replayable.get(i);
            if (isSystem(m)) {
                kept.addFirst(m);
            } else if (budget - tokens(m.content()) >= 0) {
                budget -= tokens(m.content());
                kept.addFirst(m);
            } else {
                budget = -1; // older turns than a dropped one are dropped too: no holes in the dialogue
            }
        }
        return new ArrayList<>(kept);
    }

    private static int reserved(ObjectNode request, int contextWindow) {
        JsonNode max = request.hasNonNull("max_completion_tokens") ? request.get("max_completion_tokens")
                : request.get("max_tokens");
        if (max != null && max.canConvertToInt()) {
            return Math.min(max.asInt(), contextWindow);
        }
        return Math.min(contextWindow / 4, 4096);
    }

    private static boolean isSystem(ConversationMessage m) {
        return m.role().equals("system") || m.role().equals("developer");
    }
}
