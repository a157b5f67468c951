package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.http.RequestIds;
import io.jansuite.inference.provider.MessageContent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI chat.completion and chat.completion.chunk → Anthropic message and stream events (message_start,
 * content_block_start/delta/stop, message_delta, message_stop), naming the model the client asked for.
 */
final class MessagesReply {

    private final ObjectMapper json;

    MessagesReply(ObjectMapper json) {
        this.json = json;
    }

    static String newId() {
        return "msg_" + RequestIds.randomBase62(24);
    }

    ObjectNode message(JsonNode completion, String model, int inputEstimate) {
        JsonNode msg = completion.path("choices").path(0).path("message");
        ObjectNode out = json.createObjectNode().put("id", newId()).put("type", "message").put("role", "assistant")
                .put("model", model);
        ArrayNode content = out.putArray("content");
        String text = io.jansuite.inference.provider.MessageContent.text(msg.get("content"));
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : msg.path("tool_calls")) {
            content.addObject().put("type", "tool_use").put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText())
                    .set("input", arguments(call.path("function").path("arguments").asText("{}")));
        }
        out.put("stop_reason", stopReason(completion.path("choices").path(0).path("finish_reason").asText(null),
                !msg.path("tool_calls").isEmpty()));
        out.putNull("stop_sequence");
        JsonNode usage = completion.path("usage");
        int output = usage.path("completion_tokens").asInt((text.length() + 3) / 4);
        out.putObject("usage").put("input_tokens", usage.path("prompt_tokens").asInt(inputEstimate))
                .put("output_tokens", output);
        return out;
    }

    static String stopReason(String finishReason, boolean toolCalls) {
        if (finishReason == null) {
            return toolCalls ? "tool_use" : "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> toolCalls ? "tool_use" : "end_turn";
        };
    }

    private JsonNode arguments(String text) {
        try {
            JsonNode parsed = json.readTree(text.isBlank() ? "{}" : text);
            return parsed.isObject() ? parsed : json.createObjectNode();
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    /** The translation of one stream: feed it the chunks in order, then {@link #finish()}. */
    final class Stream {
        private final String model;
        private final String id = newId();
        private final Map<Integer, Integer> blockOfTool = new HashMap<>();
        private final StringBuilder text = new StringBuilder();
        private int blocks;
        private int open = -1;
        private boolean openIsText;
        private String finishReason;
        private boolean toolCalls;
        private int inputTokens;
        private int outputTokens = -1;

        Stream(String model, int inputEstimate) {
            this.model = model;
            this.inputTokens = inputEstimate;
        }

        String start() {
            ObjectNode message = json.createObjectNode().put("id", id).put("type", "message").put("role", "assistant")
                    .put("model", model);
            message.putArray("content");
            message.putNull("stop_reason");
            message.putNull("stop_sequence");
            message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 0);
            ObjectNode event = json.createObjectNode().put("type", "message_start");
            event.set("message", message);
            return event("message_start", event);
        }

        List<String> chunk(String data) {
            JsonNode chunk;
            try {
                chunk = json.readTree(data);
            } catch (Exception e) {
                return List.of();
            }
            List<String> out = new ArrayList<>(2);
            JsonNode usage = chunk.get("usage");
            if (usage != null && usage.isObject()) {
                inputTokens = usage.path("prompt_tokens").asInt(inputTokens);
                outputTokens = usage.path("completion_tokens").asInt(outputTokens);
            }
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode delta = choice.path("delta");
            JsonNode content = delta.get("content");
            if (content != null && content.isTextual() && !content.asText().isEmpty()) {
                if (open < 0 || !openIsText) {
                    close(out);
                    ObjectNode block = json.createObjectNode().put("type", "text").put("text", "");
                    begin(out, block, true);
                }
                text.append(content.asText());
                out.add(delta(json.createObjectNode().put("type", "text_delta").put("text", content.asText())));
            }
            for (JsonNode call : delta.path("tool_calls")) {
                toolCalls = true;
                int index = call.path("index").asInt(0);
                Integer block = blockOfTool.get(index);
                if (block == null) {
                    close(out);
                    blockOfTool.put(index, blocks);
                    ObjectNode use = json.createObjectNode().put("type", "tool_use").put("id", call.path("id").asText())
                            .put("name", call.path("function").path("name").asText());
                    use.putObject("input");
                    begin(out, use, false);
                }
                String args = call.path("function").path("arguments").asText("");
                if (!args.isEmpty() && blockOfTool.get(index) == open) {
                    out.add(delta(json.createObjectNode().put("type", "input_json_delta").put("partial_json", args)));
                }
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asText();
            }
            return out;
        }

        List<String> finish() {
            List<String> out = new ArrayList<>(3);
            close(out);
            ObjectNode delta = json.createObjectNode().put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", stopReason(finishReason, toolCalls)).putNull("stop_sequence");
            delta.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens());
            out.add(event("message_delta", delta));
            out.add(event("message_stop", json.createObjectNode().put("type", "message_stop")));
            return out;
        }

        int inputTokens() {
            return inputTokens;
        }

        int outputTokens() {
            return outputTokens >= 0 ? outputTokens : (text.length() + 3) / 4;
        }

        private void begin(List<String> out, ObjectNode block, boolean isText) {
            open = blocks++;
            openIsText = isText;
            ObjectNode event = json.createObjectNode().put("type", "content_block_start").put("index", open);
            event.set("content_block", block);
            out.add(event("content_block_start", event));
        }

        private void close(List<String> out) {
            if (open >= 0) {
                out.add(event("content_block_stop", json.createObjectNode().put("type", "content_block_stop")
                        .put("index", open)));
                open = -1;
            }
        }

        private String delta(ObjectNode delta) {
            ObjectNode event = json.createObjectNode().put("type", "content_block_delta").put("index", open);
            event.set("delta", delta);
            return event("content_block_delta", event);
        }
    }

    static String event(String name, JsonNode data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
