package io.jansuite.inference.neighbour;

/** A message as the conversation-service stores it. */
public record ConversationMessage(String role, String content) {
}
