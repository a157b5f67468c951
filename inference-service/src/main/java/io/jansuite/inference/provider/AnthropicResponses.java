package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Anthropic Messages responses and stream events → OpenAI chat.completion and chat.completion.chunk. */
final class AnthropicResponses {

    private final ObjectMapper json;

    AnthropicResponses(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode completion(JsonNode message, String model) {
        ObjectNode out = json.createObjectNode();
        out.put("id", "chatcmpl-" + message.path("id").asText());
        out.put("object", "chat.completion");
        out.put("created", System.currentTimeMillis() / 1000);
        out.put("model", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode msg = choice.putObject("message").put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = json.createArrayNode();
        for (JsonNode block : message.path("content")) {
            String type = block.path("type").asText();
            if (type.equals("text")) {
                text.append(block.path("text").asText());
            } else if (type.equals("tool_use")) {
                ObjectNode call = calls.addObject().put("id", block.path("id").asText()).put("type", "function");
                call.putObject("function").put("name", block.path("name").asText())
                        .put("arguments", block.path("input").toString());
            }
        }
        if (text.length() > 0 || calls.isEmpty()) {
            msg.put("content", text.toString());
        } else {
            msg.putNull("content");
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
        choice.put("finish_reason", finishReason(message.path("stop_reason").asText(null)));
        int in = message.path("usage").path("input_tokens").asInt();
        int outTokens = message.path("usage").path("output_tokens").asInt();
        out.set("usage", usage(in, outTokens));
        return out;
    }

    ObjectNode usage(int prompt, int completion) {
        return json.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /** The translation of one Anthropic stream: feed it events in order, it answers the chunks to send. */
    final class Stream {
        private final String model;
        private final long created = System.currentTimeMillis() / 1000;
        private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
        private String id = "chatcmpl-anthropic";
        private int inputTokens;
        private int outputTokens;

        Stream(String model) {
            this.model = model;
        }

        List<String> translate(SseParser.Event event) {
            JsonNode data;
            try {
                data = json.readTree(event.data());
            } catch (Exception e) {
                throw UpstreamException.protocol("upstream sent an event that is not JSON");
            }
            String type = event.name() != null ? event.name() : data.path("type").asText();
            List<String> out = new ArrayList<>(1);
            switch (type) {
                case "message_start" -> {
                    JsonNode message = data.path("message");
                    id = "chatcmpl-" + message.path("id").asText();
                    inputTokens = message.path("usage").path("input_tokens").asInt();
                    outputTokens = message.path("usage").path("output_tokens").asInt();
                    ObjectNode delta = json.createObjectNode().put("role", "assistant").put("content", "");
                    out.add(chunk(delta, null));
                }
                case "content_block_start" -> {
                    JsonNode block = data.path("content_block");
                    if (block.path("type").asText().equals("tool_use")) {
                        int toolIndex = toolIndexByBlock.size();
                        toolIndexByBlock.put(data.path("index").asInt(), toolIndex);
                        ObjectNode call = json.createObjectNode().put("index", toolIndex)
                                .put("id", block.path("id").asText()).put("type", "function");
                        call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
                        ObjectNode delta = json.createObjectNode();
                        delta.putArray("tool_calls").add(call);
                        out.add(chunk(delta, null));
                    }
                }
                case "content_block_delta" -> {
                    JsonNode delta = data.path("delta");
                    String kind = delta.path("type").asText();
                    if (kind.equals("text_delta")) {
                        out.add(chunk(json.createObjectNode().put("content", delta.path("text").asText()), null));
                    } else if (kind.equals("input_json_delta")) {
                        Integer toolIndex = toolIndexByBlock.get(data.path("index").asInt());
                        ObjectNode call = json.createObjectNode().put("index", toolIndex == null ? 0 : toolIndex);
                        call.putObject("function").put("arguments", delta.path("partial_json").asText());
                        ObjectNode d = json.createObjectNode();
                        d.putArray("tool_calls").add(call);
                        out.add(chunk(d, null));
                    }
                }
                case "message_delta" -> {
                    if (data.path("usage").has("output_tokens")) {
                        outputTokens = data.path("usage").path("output_tokens").asInt();
                    }
                    if (data.path("usage").has("input_tokens")) {
                        inputTokens = data.path("usage").path("input_tokens").asInt();
                    }
                    String reason = finishReason(data.path("delta").path("stop_reason").asText(null));
                    if (reason != null) {
                        out.add(chunk(json.createObjectNode(), reason));
                    }
                }
                case "message_stop" -> out.add(usageChunk());
                case "error" -> throw UpstreamException.protocol("upstream stream error: "
                        + data.path("error").path("message").asText(data.toString()));
                default -> {
                    // ping, content_block_stop and events added later carry nothing to send
                }
            }
            return out;
        }

        private String chunk(ObjectNode delta, String finishReason) {
            ObjectNode c = header();
            ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
            return c.toString();
        }

        private String usageChunk() {
            ObjectNode c = header();
            c.putArray("choices");
            c.set("usage", usage(inputTokens, outputTokens));
            return c.toString();
        }

        private ObjectNode header() {
            return json.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                    .put("created", created).put("model", model);
        }
    }
}
