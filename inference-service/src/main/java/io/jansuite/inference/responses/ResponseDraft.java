package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.http.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A response being produced: the response object, its output items as they grow from the model's deltas,
 * and the streaming events that tell a client so, numbered in order ({@code sequence_number}). Without a
 * stream the same calls build the same object and the events go nowhere.
 */
final class ResponseDraft {

    /** Where events go: the client's stream, or nowhere. */
    interface Sink {
        void event(String type, ObjectNode data);
    }

    /** A tool call the model made in this step: its output item, and the MCP tool it names (null: the client's). */
    record ToolCall(ObjectNode item, int outputIndex, McpTool mcp) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final ObjectNode response;
    private final ArrayNode output;
    private final Sink sink;
    private final Function<String, McpTool> mcpTools;
    private int sequence;
    private int inputTokens;
    private int outputTokens;

    private ObjectNode message;
    private int messageIndex;
    private StringBuilder text;
    private final Map<Integer, ToolCall> calls = new TreeMap<>();
    private final Map<Integer, StringBuilder> arguments = new TreeMap<>();

    ResponseDraft(ObjectNode response, Sink sink, Function<String, McpTool> mcpTools) {
        this.response = response;
        this.output = (ArrayNode) response.get("output");
        this.sink = sink;
        this.mcpTools = mcpTools;
    }

    String id() {
        return response.path("id").asText();
    }

    ArrayNode output() {
        return output;
    }

    int outputTokens() {
        return outputTokens;
    }

    /** The response object as it stands, for a lifecycle event. */
    void lifecycle(String type) {
        emit(type, NODES.objectNode().set("response", response.deepCopy()));
    }

    void textDelta(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        if (message == null) {
            message = NODES.objectNode().put("id", Ids.next("msg")).put("type", "message").put("status", "in_progress")
                    .put("role", "assistant");
            message.putArray("content");
            messageIndex = add(message);
            text = new StringBuilder();
            emit("response.content_part.added", at(message, messageIndex).put("content_index", 0)
                    .set("part", InputItems.part("output_text", "")));
        }
        text.append(delta);
        emit("response.output_text.delta", at(message, messageIndex).put("content_index", 0).put("delta", delta)
                .set("logprobs", NODES.arrayNode()));
    }

    void toolCallDelta(int index, String callId, String name, String argumentsDelta) {
        ToolCall call = calls.get(index);
        if (call == null) {
            McpTool mcp = name == null ? null : mcpTools.apply(name);
            ObjectNode item = NODES.objectNode();
            if (mcp == null) {
                item.put("id", Ids.next("fc")).put("type", "function_call").put("status", "in_progress")
                        .put("arguments", "").put("call_id", callId == null ? Ids.next("call") : callId)
                        .put("name", name == null ? "" : name);
            } else {
                item.put("id", Ids.next("mcp")).put("type", "mcp_call").put("status", "in_progress")
                        .put("server_label", mcp.serverLabel()).put("name", mcp.name()).put("arguments", "");
                item.putNull("output");
                item.putNull("error");
                item.putNull("approval_request_id");
            }
            call = new ToolCall(item, add(item), mcp);
            calls.put(index, call);
            arguments.put(index, new StringBuilder());
        }
        if (argumentsDelta != null && !argumentsDelta.isEmpty()) {
            arguments.get(index).append(argumentsDelta);
            emit(call.mcp() == null ? "response.function_call_arguments.delta" : "response.mcp_call_arguments.delta",
                    at(call.item(), call.outputIndex()).put("delta", argumentsDelta));
        }
    }

    /** Closes this step's items; the tool calls it made, in order. */
    List<ToolCall> finishStep(boolean truncated, int promptTokens, int completionTokens) {
        inputTokens += promptTokens;
        outputTokens += completionTokens;
        if (message != null) {
            ObjectNode part = InputItems.part("output_text", text.toString());
            emit("response.output_text.done", at(message, messageIndex).put("content_index", 0)
                    .put("text", text.toString()).set("logprobs", NODES.arrayNode()));
            emit("response.content_part.done", at(message, messageIndex).put("content_index", 0).set("part", part));
            ((ArrayNode) message.get("content")).add(part);
            message.put("status", truncated ? "incomplete" : "completed");
            emit("response.output_item.done", NODES.objectNode().put("output_index", messageIndex).set("item",
                    message.deepCopy()));
            message = null;
        }
        List<ToolCall> made = new ArrayList<>();
        for (Map.Entry<Integer, ToolCall> e : calls.entrySet()) {
            ToolCall call = e.getValue();
            String args = arguments.get(e.getKey()).toString();
            call.item().put("arguments", args.isEmpty() ? "{}" : args);
            if (call.mcp() == null) {
                emit("response.function_call_arguments.done", at(call.item(), call.outputIndex())
                        .put("name", call.item().path("name").asText()).put("arguments", args));
                call.item().put("status", "completed");
                emit("response.output_item.done", NODES.objectNode().put("output_index", call.outputIndex())
                        .set("item", call.item().deepCopy()));
            } else {
                emit("response.mcp_call_arguments.done", at(call.item(), call.outputIndex()).put("arguments", args));
            }
            made.add(call);
        }
        calls.clear();
        arguments.clear();
        return made;
    }

    /** An MCP call starts running. */
    void mcpCallRunning(ToolCall call) {
        emit("response.mcp_call.in_progress", at(call.item(), call.outputIndex()));
    }

    /** An MCP call ended: its output, or the error the model is told. */
    void mcpCallDone(ToolCall call, String result, String error) {
        ObjectNode item = call.item();
        if (error == null) {
            item.put("output", result).put("status", "completed");
            emit("response.mcp_call.completed", at(item, call.outputIndex()));
        } else {
            item.put("error", error).put("status", "failed");
            emit("response.mcp_call.failed", at(item, call.outputIndex()));
        }
        emit("response.output_item.done", NODES.objectNode().put("output_index", call.outputIndex())
                .set("item", item.deepCopy()));
    }

    /** The tools of an MCP server offered to the model, as an {@code mcp_list_tools} item. */
    void listedTools(String serverLabel, ArrayNode tools) {
        ObjectNode item = NODES.objectNode().put("id", Ids.next("mcpl")).put("type", "mcp_list_tools")
                .put("server_label", serverLabel);
        item.putArray("tools");
        int index = add(item);
        emit("response.mcp_list_tools.in_progress", at(item, index));
        item.set("tools", tools);
        emit("response.mcp_list_tools.completed", at(item, index));
        emit("response.output_item.done", NODES.objectNode().put("output_index", index).set("item", item.deepCopy()));
    }

    /** The terminal state: status, usage, and why it is incomplete or failed, then the closing event. */
    void finish(String status, String incompleteReason, String errorCode, String errorMessage) {
        response.put("status", status);
        if (incompleteReason != null) {
            response.putObject("incomplete_details").put("reason", incompleteReason);
        }
        if (errorCode != null) {
            response.putObject("error").put("code", errorCode).put("message", errorMessage);
        }
        ObjectNode usage = response.putObject("usage").put("input_tokens", inputTokens);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", outputTokens);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", inputTokens + outputTokens);
    }

    /** The event that ends a stream, for the status reached. */
    void closingEvent() {
        String status = response.path("status").asText();
        lifecycle(switch (status) {
            case "completed" -> "response.completed";
            case "incomplete" -> "response.incomplete";
            case "cancelled" -> "response.cancelled";
            default -> "response.failed";
        });
    }

    private int add(ObjectNode item) {
        output.add(item);
        int index = output.size() - 1;
        emit("response.output_item.added", NODES.objectNode().put("output_index", index).set("item", item.deepCopy()));
        return index;
    }

    private static ObjectNode at(ObjectNode item, int index) {
        return NODES.objectNode().put("item_id", item.path("id").asText()).put("output_index", index);
    }

    private void emit(String type, ObjectNode data) {
        if (sink == null) {
            return;
        }
        ObjectNode event = NODES.objectNode().put("type", type).put("sequence_number", sequence++);
        event.setAll(data);
        sink.event(type, event);
    }

    static JsonNode nullable(String value) {
        return value == null ? NODES.nullNode() : NODES.textNode(value);
    }
}
