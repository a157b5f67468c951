package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a streamed answer amounted to, read from its chunks as they pass: the assistant's text, usage when
 * the upstream reported it, and how the stream ended.
 */
final class StreamTally {

    private final ObjectMapper json;
    private final StringBuilder content = new StringBuilder();
    private int promptTokens = -1;
    private int completionTokens = -1;
    private int chunks;
    volatile boolean failed;
    volatile boolean finished;

    StreamTally(ObjectMapper json) {
        this.json = json;
    }

    /** Reads one chunk; true when it only carries usage (sent on only when the client asked for usage). */
    boolean observe(String chunk) {
        JsonNode node;
        try {
            node = json.readTree(chunk);
        } catch (Exception e) {
            return false;
        }
        chunks++;
        JsonNode choices = node.path("choices");
        for (JsonNode choice : choices) {
            JsonNode text = choice.path("delta").path("content");
            if (text.isTextual()) {
                content.append(text.asText());
            }
        }
        JsonNode usage = node.get("usage");
        if (usage != null && usage.isObject()) {
            promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
            completionTokens = usage.path("completion_tokens").asInt(completionTokens);
            return choices.isEmpty();
        }
        return false;
    }

    String content() {
        return content.toString();
    }

    int promptTokens(int estimate) {
        return promptTokens >= 0 ? promptTokens : estimate;
    }

    /** Reported completion tokens, else an estimate from the text (about four characters a token). */
    int completionTokens() {
        return completionTokens >= 0 ? completionTokens : Math.max(chunks > 0 ? 1 : 0, (content.length() + 3) / 4);
    }
}
