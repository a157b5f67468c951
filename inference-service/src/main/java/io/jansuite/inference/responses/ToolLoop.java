package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.config.ResponsesConfig;
import io.jansuite.inference.service.Reply;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The model → tools → model loop of one response. Each model call goes through the chat-completions path;
 * the MCP calls it asks for are run and their results fed back, until the model answers, asks for a
 * function tool of the client, runs out of tokens, or the model calls allowed ({@code
 * app.responses.max-model-calls}) are spent. It never fails: what went wrong ends the response as
 * {@code failed} or {@code incomplete}, with the output so far.
 */
@ApplicationScoped
class ToolLoop {

    private static final Logger LOG = Logger.getLogger(ToolLoop.class);

    @Inject
    ModelTurns turns;

    @Inject
    McpToolbox toolbox;

    @Inject
    ResponsesConfig config;

    @Inject
    ObjectMapper json;

    /** The first model call, answered but not read yet, and the rate-limit headers its answer carried. */
    record Started(Reply reply, ObjectNode chatRequest, Map<String, List<String>> rateHeaders) {
    }

    Uni<Started> firstCall(ResponseRun run) {
        ObjectNode chat = chatRequest(run, 0, 0);
        return turns.dispatch(chat, run.caller(), run.requestId()).map(reply -> new Started(reply, chat,
                rateHeaders(reply.headers())));
    }

    Uni<ResponseDraft> finish(ResponseRun run, Started first, ResponseDraft draft) {
        for (McpToolbox.Offered server : run.offered()) {
            draft.listedTools(server.serverLabel(), toolbox.listing(server));
        }
        return step(run, draft, first.reply(), first.chatRequest(), 1);
    }

    private Uni<ResponseDraft> step(ResponseRun run, ResponseDraft draft, Reply reply, ObjectNode chat, int calls) {
        return turns.read(reply, chat, draft).chain(turn -> {
            if ("length".equals(turn.finishReason())) {
                draft.finish("incomplete", "max_output_tokens", null, null);
                return Uni.createFrom().item(draft);
            }
            if ("content_filter".equals(turn.finishReason())) {
                draft.finish("incomplete", "content_filter", null, null);
                return Uni.createFrom().item(draft);
            }
            List<ResponseDraft.ToolCall> mcpCalls = turn.calls().stream().filter(c -> c.mcp() != null).toList();
            boolean clientCalls = turn.calls().size() > mcpCalls.size();
            return runAll(run, draft, mcpCalls, 0).chain(() -> {
                if (mcpCalls.isEmpty() || clientCalls) {
                    draft.finish("completed", null, null, null);
                    return Uni.createFrom().item(draft);
                }
                if (calls >= config.maxModelCalls()) {
                    draft.finish("incomplete", "max_tool_calls", null, null);
                    return Uni.createFrom().item(draft);
                }
                Integer max = run.request().maxOutputTokens();
                if (max != null && draft.outputTokens() >= max) {
                    draft.finish("incomplete", "max_output_tokens", null, null);
                    return Uni.createFrom().item(draft);
                }
                ObjectNode next = chatRequest(run, calls, draft.outputTokens());
                return turns.dispatch(next, run.caller(), run.requestId())
                        .chain(r -> step(run, draft, r, next, calls + 1));
            });
        }).onFailure().recoverWithItem(failure -> failed(draft, failure));
    }

    private Uni<Void> runAll(ResponseRun run, ResponseDraft draft, List<ResponseDraft.ToolCall> calls, int index) {
        if (index >= calls.size()) {
            return Uni.createFrom().voidItem();
        }
        ResponseDraft.ToolCall call = calls.get(index);
        draft.mcpCallRunning(call);
        return toolbox.call(run.caller(), call.mcp(), call.item().path("arguments").asText()).map(result -> {
            draft.mcpCallDone(call, result.output(), result.error());
            return result;
        }).chain(() -> runAll(run, draft, calls, index + 1));
    }

    private ResponseDraft failed(ResponseDraft draft, Throwable failure) {
        if (!draft.response.path("status").asText().equals("in_progress")
                && !draft.response.path("status").asText().equals("queued")) {
            return draft; // already finished: the failure came later (e.g. storing it)
        }
        String code = "server_error";
        String message = "The response could not be completed.";
        if (failure instanceof ApiException e) {
            code = e.status() == 429 ? "rate_limit_exceeded" : e.status() >= 500 ? "server_error" : e.code();
            message = e.getMessage();
        } else {
            LOG.warnf("response %s failed: %s", draft.id(), failure.toString());
        }
        draft.finish("failed", null, code, message);
        return draft;
    }

    /** The chat request for the model call numbered {@code index} (0 first): the items so far, the tools. */
    ObjectNode chatRequest(ResponseRun run, int index, int outputTokensSoFar) {
        ResponseRequest r = run.request();
        ObjectNode chat = json.createObjectNode().put("model", r.model());
        chat.set("messages", ChatMessages.of(r.instructions(), run.items()));
        chat.put("stream", true);
        chat.putObject("stream_options").put("include_usage", true);
        if (r.temperature() != null) {
            chat.put("temperature", r.temperature());
        }
        if (r.topP() != null) {
            chat.put("top_p", r.topP());
        }
        if (r.maxOutputTokens() != null) {
            chat.put("max_tokens", Math.max(1, r.maxOutputTokens() - outputTokensSoFar));
        }
        if (r.user() != null) {
            chat.put("user", r.user());
        }
        ArrayNode tools = json.createArrayNode();
        for (JsonNode f : r.functionTools()) {
            tools.add(ChatMessages.functionTool(f.path("name").asText(), f.get("description"), f.get("parameters"),
                    f.get("strict")));
        }
        for (McpToolbox.Offered server : run.offered()) {
            for (McpTool t : server.tools()) {
                tools.add(ChatMessages.functionTool(t.modelName(), json.getNodeFactory().textNode(t.description()), t.inputSchema(), null));
            }
        }
        if (!tools.isEmpty()) {
            chat.set("tools", tools);
            chat.set("tool_choice", toolChoice(r.toolChoice(), index));
            if (!r.parallelToolCalls()) {
                chat.put("parallel_tool_calls", false);
            }
        }
        JsonNode format = r.text().path("format");
        String formatType = format.path("type").asText("text");
        if (formatType.equals("json_object")) {
            chat.putObject("response_format").put("type", "json_object");
        } else if (formatType.equals("json_schema")) {
            ObjectNode schema = chat.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            schema.put("name", format.path("name").asText("response"));
            schema.set("schema", format.get("schema"));
            if (format.has("strict")) {
                schema.set("strict", format.get("strict"));
            }
        }
        return chat;
    }

    /** "required" holds for the first call only: after tools have run, the model must be free to answer. */
    private JsonNode toolChoice(JsonNode choice, int index) {
        if (choice.isObject()) {
            if (index > 0) {
                return json.getNodeFactory().textNode("auto");
            }
            ObjectNode out = json.createObjectNode().put("type", "function");
            out.putObject("function").put("name", choice.path("name").asText());
            return out;
        }
        return index > 0 && choice.asText().equals("required") ? json.getNodeFactory().textNode("auto") : choice;
    }

    private static Map<String, List<String>> rateHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (k.startsWith("X-RateLimit") || k.equalsIgnoreCase("Retry-After")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
