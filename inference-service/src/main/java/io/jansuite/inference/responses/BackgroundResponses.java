package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code background: true}: the response is stored as {@code queued} and answered at once; the tool loop then
 * runs detached from the request (it survives the client hanging up) and stores each state it reaches. A
 * cancel marks the row cancelled (on any replica) and stops the run if it is on this one; a run that finishes
 * after a cancel does not overwrite it.
 */
@ApplicationScoped
class BackgroundResponses {

    private static final Logger LOG = Logger.getLogger(BackgroundResponses.class);

    @Inject
    ResponseStore store;

    @Inject
    ToolLoop loop;

    @Inject
    ConversationLink conversation;

    private final Map<String, Cancellable> running = new ConcurrentHashMap<>();

    Uni<ObjectNode> start(ResponseRun run) {
        ObjectNode queued = run.response().deepCopy();
        String userId = run.caller().userId();
        return store.save(userId, queued, run.request().input(), run.history()).invoke(() -> {
            String id = queued.path("id").asText();
            run.response().put("status", "in_progress");
            Cancellable work = store.finish(userId, run.response())
                    .chain(() -> loop.firstCall(run))
                    .chain(first -> loop.finish(run, first, new ResponseDraft(run.response(), null, run::mcpTool)))
                    .onFailure().recoverWithItem(failure -> {
                        ResponseDraft draft = new ResponseDraft(run.response(), null, run::mcpTool);
                        String message = failure instanceof io.jansuite.common.error.ApiException e ? e.getMessage()
                                : "The response could not be completed.";
                        draft.finish("failed", null, "server_error", message);
                        return draft;
                    })
                    .call(draft -> conversation.storeAnswer(run, draft.response))
                    .chain(draft -> store.finish(userId, draft.response))
                    .onTermination().invoke(() -> running.remove(id))
                    .subscribe().with(saved -> LOG.debugf("background response %s ended (saved: %s)", id, saved),
                            failure -> LOG.errorf("background response %s not saved: %s", id, failure.toString()));
            running.put(id, work);
        }).replaceWith(queued);
    }

    /** The ids of the background responses running on this replica. */
    java.util.Set<String> runningHere() {
        return java.util.Set.copyOf(running.keySet());
    }

    /** Stops the run on this replica, if it is here. */
    void stop(String id) {
        Cancellable work = running.remove(id);
        if (work != null) {
            work.cancel();
        }
    }
}
