package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.jansuite.common.http.Ids;
import io.jansuite.inference.service.Reply;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/responses}: the request checked, the conversation so far loaded (previous_response_id, or the
 * Jan extra {@code conversation}, whose input is stored in it before the model is asked),
 * then the first model call made before anything is answered (an unknown model, a rate limit or a dead
 * upstream is still an HTTP error); from there the tool loop runs and the response is answered whole, as a
 * stream of events, or in the background, and stored unless {@code store: false}.
 */
@ApplicationScoped
public class ResponseService {

    private static final Logger LOG = Logger.getLogger(ResponseService.class);

    @Inject
    ResponseStore store;

    @Inject
    ToolLoop loop;

    @Inject
    McpToolbox toolbox;

    @Inject
    BackgroundResponses background;

    @Inject
    ConversationLink conversation;

    @Inject
    ObjectMapper json;

    public Uni<Reply> create(ObjectNode body, Caller caller, String requestId) {
        ResponseRequest request = ResponseRequest.parse(body);
        return history(request, caller).chain(history -> toolbox.offer(request.mcpTools(), caller).chain(offered -> {
            ResponseRun run = new ResponseRun(request, caller, requestId, skeleton(request), history, offered);
            return conversation.storeQuestion(run).chain(() -> start(run));
        }));
    }

    private Uni<Reply> start(ResponseRun run) {
        ResponseRequest request = run.request();
        if (request.background()) {
            return background.start(run).map(queued -> Reply.json(200, Map.of(), encode(queued)));
        }
        return loop.firstCall(run).map(first -> request.stream() ? stream(run, first) : whole(run, first))
                .onFailure(ApiException.class).call(e -> conversation.storeAnswer(run, failedBeforeStart(run)));
    }

    /** A response that failed at its first model call (answered as an HTTP error), for the conversation. */
    private ObjectNode failedBeforeStart(ResponseRun run) {
        ObjectNode failed = run.response().deepCopy().put("status", "failed");
        failed.putArray("output");
        return failed;
    }

    private Uni<ArrayNode> history(ResponseRequest request, Caller caller) {
        if (request.conversationId() != null) {
            return conversation.history(request.conversationId(), caller);
        }
        if (request.previousResponseId() == null) {
            return Uni.createFrom().item(json.createArrayNode());
        }
        return store.find(request.previousResponseId(), caller.userId()).map(previous -> {
            if (previous == null) {
                throw new ApiException(404, "response_not_found", "No response " + request.previousResponseId()
                        + " (responses are kept only with store: true).", "previous_response_id");
            }
            if (previous.status().equals("queued") || previous.status().equals("in_progress")) {
                throw ApiException.badRequest("response_in_progress", "The previous response "
                        + previous.id() + " has not finished yet.", "previous_response_id");
            }
            ArrayNode context = previous.context().deepCopy();
            context.addAll(previous.inputItems());
            context.addAll((ArrayNode) previous.body().path("output"));
            return context;
        });
    }

    private Reply whole(ResponseRun run, ToolLoop.Started first) {
        Multi<Buffer> body = loop.finish(run, first, new ResponseDraft(run.response(), null, run::mcpTool))
                .chain(draft -> save(run, draft)).map(this::encode).toMulti();
        return new Reply(200, json(first.rateHeaders()), body);
    }

    private Reply stream(ResponseRun run, ToolLoop.Started first) {
        Multi<Buffer> events = Multi.createFrom().emitter(em -> {
            ResponseDraft draft = new ResponseDraft(run.response(), (type, event) -> em.emit(sse(type, event)),
                    run::mcpTool);
            draft.lifecycle("response.created");
            draft.lifecycle("response.in_progress");
            Cancellable running = loop.finish(run, first, draft).chain(d -> save(run, d)).subscribe().with(
                    done -> {
                        draft.closingEvent();
                        em.complete();
                    },
                    failure -> {
                        LOG.warnf("response %s failed: %s", run.response().path("id").asText(), failure.toString());
                        em.complete();
                    });
            em.onTermination(running::cancel);
        });
        return Reply.eventStream(first.rateHeaders(), events);
    }

    /** Stores the finished response (store: true) before it is answered, so that a retrieve right after sees it. */
    Uni<ObjectNode> save(ResponseRun run, ResponseDraft draft) {
        Uni<Boolean> remembered = conversation.storeAnswer(run, draft.response);
        if (!run.request().store()) {
            return remembered.replaceWith(draft.response);
        }
        return remembered.chain(() -> saveResponse(run, draft));
    }

    private Uni<ObjectNode> saveResponse(ResponseRun run, ResponseDraft draft) {
        return store.save(run.caller().userId(), draft.response, run.request().input(), run.history())
                .onFailure().invoke(e -> LOG.errorf("could not store response %s: %s", draft.id(), e.toString()))
                .onFailure().recoverWithNull()
                .replaceWith(draft.response);
    }

    /** The response object at its start: every field OpenAI's has, status in_progress, no output yet. */
    ObjectNode skeleton(ResponseRequest r) {
        ObjectNode out = json.createObjectNode().put("id", Ids.next("resp")).put("object", "response")
                .put("created_at", System.currentTimeMillis() / 1000).put("status", r.background() ? "queued" : "in_progress")
                .put("background", r.background());
        out.putNull("error");
        out.putNull("incomplete_details");
        out.set("instructions", ResponseDraft.nullable(r.instructions()));
        out.set("max_output_tokens", r.maxOutputTokens() == null ? json.nullNode() : json.getNodeFactory().numberNode(r.maxOutputTokens()));
        out.put("model", r.model());
        out.putArray("output");
        out.put("parallel_tool_calls", r.parallelToolCalls());
        out.set("previous_response_id", ResponseDraft.nullable(r.previousResponseId()));
        out.putObject("reasoning").putNull("effort").putNull("summary");
        out.put("store", r.store());
        out.put("temperature", r.temperature() == null ? 1.0 : r.temperature());
        out.set("text", r.text());
        out.set("tool_choice", r.toolChoice());
        ArrayNode tools = out.putArray("tools");
        tools.addAll(r.functionTools());
        tools.addAll(r.mcpTools());
        out.put("top_p", r.topP() == null ? 1.0 : r.topP());
        out.put("truncation", "disabled");
        out.putNull("usage");
        out.set("user", ResponseDraft.nullable(r.user()));
        out.set("metadata", r.metadata());
        if (r.conversationId() != null) {
            out.putObject("conversation").put("id", r.conversationId());
        }
        return out;
    }

    private static Buffer sse(String type, ObjectNode event) {
        return Buffer.buffer("event: " + type + "\ndata: " + event + "\n\n");
    }

    Buffer encode(JsonNode node) {
        return Buffer.buffer(node.toString());
    }

    private static Map<String, List<String>> json(Map<String, List<String>> extra) {
        Map<String, List<String>> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Type", List.of(Reply.JSON));
        return headers;
    }

    static boolean terminal(String status) {
        return !status.equals("queued") && !status.equals("in_progress");
    }
}
