package io.jansuite.inference.neighbour;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message to append to a conversation: {@code status} {@code completed}, or {@code incomplete} with
 * {@code incomplete_details.reason} ({@code upstream_error}, {@code client_disconnected}, {@code timeout}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationTurn(String role, String content, String status, IncompleteDetails incompleteDetails) {

    public record IncompleteDetails(String reason) {
    }

    public static ConversationTurn completed(String role, String content) {
        return new ConversationTurn(role, content, "completed", null);
    }

    /** {@code reason} null: a whole answer. */
    public static ConversationTurn answer(String content, String reason) {
        return reason == null ? completed("assistant", content)
                : new ConversationTurn("assistant", content, "incomplete", new IncompleteDetails(reason));
    }
}
