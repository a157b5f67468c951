package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Retrieve, delete, list the input items of, and cancel the caller's own stored responses; null: not theirs. */
@ApplicationScoped
public class StoredResponses {

    @Inject
    ResponseStore store;

    @Inject
    BackgroundResponses background;

    @Inject
    ObjectMapper json;

    public Uni<ObjectNode> get(String id, Caller caller) {
        return store.find(id, caller.userId()).map(s -> s == null ? null : s.body());
    }

    public Uni<ObjectNode> delete(String id, Caller caller) {
        return store.delete(id, caller.userId()).invoke(deleted -> {
            if (deleted) {
                background.stop(id);
            }
        }).map(deleted -> deleted ? json.createObjectNode().put("id", id).put("object", "response").put("deleted", true)
                : null);
    }

    /** OpenAI's list: {@code data}, {@code first_id}, {@code last_id}, {@code has_more}; newest first by default. */
    public Uni<ObjectNode> inputItems(String id, Caller caller, int limit, String order, String after) {
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("invalid_value", "limit must be from 1 to 100.", "limit");
        }
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiException.badRequest("invalid_value", "order must be asc or desc.", "order");
        }
        return store.find(id, caller.userId()).map(s -> {
            if (s == null) {
                return null;
            }
            List<JsonNode> items = new ArrayList<>();
            s.inputItems().forEach(items::add);
            if (order.equals("desc")) {
                java.util.Collections.reverse(items);
            }
            int start = 0;
            if (after != null) {
                start = items.size();
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).path("id").asText().equals(after)) {
                        start = i + 1;
                    }
                }
            }
            List<JsonNode> page = items.subList(Math.min(start, items.size()), Math.min(items.size(), start + limit));
            ObjectNode out = json.createObjectNode().put("object", "list");
            ArrayNode data = out.putArray("data");
            page.forEach(data::add);
            out.set("first_id", page.isEmpty() ? json.nullNode() : page.get(0).get("id"));
            out.set("last_id", page.isEmpty() ? json.nullNode() : page.get(page.size() - 1).get("id"));
            out.put("has_more", start + page.size() < items.size());
            return out;
        });
    }

    /** Cancels a background response still queued or running; a finished one is returned unchanged. */
    public Uni<ObjectNode> cancel(String id, Caller caller) {
        return store.find(id, caller.userId()).chain(s -> {
            if (s == null) {
                return Uni.createFrom().nullItem();
            }
            if (!s.body().path("background").asBoolean()) {
                return Uni.createFrom().failure(ApiException.badRequest("not_background",
                        "Only background responses can be cancelled.", null));
            }
            if (ResponseService.terminal(s.status())) {
                return Uni.createFrom().item(s.body());
            }
            ObjectNode cancelled = s.body().deepCopy().put("status", "cancelled");
            background.stop(id);
            return store.cancel(id, caller.userId(), cancelled).map(now -> now == null ? null : now.body());
        });
    }
}
