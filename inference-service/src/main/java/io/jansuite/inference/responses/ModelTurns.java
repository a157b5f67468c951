package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.provider.SseParser;
import io.jansuite.inference.service.CompletionService;
import io.jansuite.inference.service.Reply;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * One model call of a response, through the chat-completions path (route, failover, provider adapters,
 * rate limits, usage rows): always streamed from the upstream, its chunks read into the draft as they come.
 */
@ApplicationScoped
class ModelTurns {

    @Inject
    CompletionService completions;

    @Inject
    ObjectMapper json;

    /** How a model call ended: why it stopped and the tool calls it made. */
    record Turn(String finishReason, List<ResponseDraft.ToolCall> calls) {
    }

    /** Reads of a streamed answer, fed by the SSE parser. */
    private final class Reader {
        final ResponseDraft draft;
        String finishReason;
        int promptTokens = -1;
        int completionTokens = -1;
        int chars;
        ApiException failure;

        Reader(ResponseDraft draft) {
            this.draft = draft;
        }

        void event(SseParser.Event event) {
            String data = event.data();
            if (data == null || data.isEmpty() || data.equals("[DONE]") || failure != null) {
                return;
            }
            JsonNode chunk;
            try {
                chunk = json.readTree(data);
            } catch (Exception e) {
                return;
            }
            JsonNode error = chunk.get("error");
            if (error != null && error.isObject()) {
                failure = new ApiException(502, error.path("code").asText("upstream_error"),
                        error.path("message").asText("The model provider failed mid-stream."), null);
                return;
            }
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode delta = choice.path("delta");
            if (delta.path("content").isTextual()) {
                chars += delta.get("content").asText().length();
                draft.textDelta(delta.get("content").asText());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                JsonNode function = call.path("function");
                String args = function.path("arguments").isTextual() ? function.get("arguments").asText() : null;
                chars += args == null ? 0 : args.length();
                draft.toolCallDelta(call.path("index").asInt(0), text(call.get("id")), text(function.get("name")), args);
            }
            if (choice.path("finish_reason").isTextual()) {
                finishReason = choice.get("finish_reason").asText();
            }
            JsonNode usage = chunk.get("usage");
            if (usage != null && usage.isObject()) {
                promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
                completionTokens = usage.path("completion_tokens").asInt(completionTokens);
            }
        }
    }

    /** Sends the chat request; completes once a provider has answered (still nothing read), fails as chat does. */
    Uni<Reply> dispatch(ObjectNode chatRequest, Caller caller, String requestId) {
        return completions.complete(chatRequest, caller, requestId);
    }

    /** Reads the answer into the draft and closes the step's items; fails when the stream broke. */
    Uni<Turn> read(Reply reply, ObjectNode chatRequest, ResponseDraft draft) {
        Reader reader = new Reader(draft);
        SseParser parser = new SseParser(reader::event);
        return reply.body().onItem().invoke(parser::feed).collect().last().map(last -> {
            parser.finish();
            if (reader.failure != null) {
                throw reader.failure;
            }
            int prompt = reader.promptTokens >= 0 ? reader.promptTokens : estimate(chatRequest);
            int completion = reader.completionTokens >= 0 ? reader.completionTokens : (reader.chars + 3) / 4;
            boolean truncated = "length".equals(reader.finishReason);
            return new Turn(reader.finishReason, draft.finishStep(truncated, prompt, completion));
        });
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static int estimate(ObjectNode request) {
        return (request.path("messages").toString().length() + 3) / 4;
    }
}
