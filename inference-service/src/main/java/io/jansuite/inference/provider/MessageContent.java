package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.JsonNode;

/** OpenAI message content, which is a string or an array of typed parts. */
public final class MessageContent {

    private MessageContent() {
    }

    /** The text of a content: the string itself, or the text parts of an array joined. */
    public static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("type").asText().equals("text")) {
                out.append(part.path("text").asText());
            }
        }
        return out.toString();
    }
}
