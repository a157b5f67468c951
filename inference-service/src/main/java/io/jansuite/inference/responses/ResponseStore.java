package io.jansuite.inference.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Stored responses ({@code inference.responses}), always read and written for one owner: another user's id
 * is as absent as an unknown one. Written with the SQL client rather than a session, because a response is
 * saved from the end of a stream or a background worker, outside any request's session.
 */
@ApplicationScoped
class ResponseStore {

    private static final String UPSERT = "INSERT INTO inference.responses (id, user_id, created_at, updated_at, status,"
            + " model, previous_response_id, body, input_items, context) VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9)"
            + " ON CONFLICT (id) DO UPDATE SET status = $4, body = $7, updated_at = $3";
    private static final String BODY_COLUMNS = "id, status, body, input_items, context";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** A stored response: its object as returned, its own input items, and what the model saw before them. */
    record Stored(String id, String status, ObjectNode body, ArrayNode inputItems, ArrayNode context) {
    }

    Uni<Void> save(String userId, ObjectNode body, ArrayNode inputItems, ArrayNode context) {
        Tuple row = Tuple.tuple(List.of(body.path("id").asText(), userId,
                Instant.now().atOffset(ZoneOffset.UTC), body.path("status").asText(), body.path("model").asText()));
        row.addString(body.path("previous_response_id").isTextual() ? body.get("previous_response_id").asText() : null);
        row.addValue(new JsonObject(body.toString())).addValue(new JsonArray(inputItems.toString()))
                .addValue(new JsonArray(context.toString()));
        return pool.preparedQuery(UPSERT).execute(row).replaceWithVoid();
    }

    /** Saves the final state unless the response was cancelled meanwhile (a background worker's last word). */
    Uni<Boolean> finish(String userId, ObjectNode body) {
        return pool.preparedQuery("UPDATE inference.responses SET status = $1, body = $2, updated_at = $3"
                + " WHERE id = $4 AND user_id = $5 AND status <> 'cancelled'")
                .execute(Tuple.of(body.path("status").asText(), new JsonObject(body.toString()),
                        Instant.now().atOffset(ZoneOffset.UTC), body.path("id").asText(), userId))
                .map(rows -> rows.rowCount() > 0);
    }

    Uni<Stored> find(String id, String userId) {
        return pool.preparedQuery("SELECT " + BODY_COLUMNS + " FROM inference.responses WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId)).map(this::first);
    }

    Uni<Boolean> delete(String id, String userId) {
        return pool.preparedQuery("DELETE FROM inference.responses WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() > 0);
    }

    /** Marks a queued or running response cancelled; null when there is no such response of this owner. */
    Uni<Stored> cancel(String id, String userId, ObjectNode cancelledBody) {
        return pool.preparedQuery("UPDATE inference.responses SET status = 'cancelled', body = $1, updated_at = $2"
                + " WHERE id = $3 AND user_id = $4 AND status IN ('queued', 'in_progress')")
                .execute(Tuple.of(new JsonObject(cancelledBody.toString()), Instant.now().atOffset(ZoneOffset.UTC), id,
                        userId))
                .chain(rows -> find(id, userId));
    }

    private Stored first(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row row = it.next();
        return new Stored(row.getString("id"), row.getString("status"), (ObjectNode) tree(row.getValue("body")),
                (ArrayNode) tree(row.getValue("input_items")), (ArrayNode) tree(row.getValue("context")));
    }

    private JsonNode tree(Object value) {
        try {
            return json.readTree(String.valueOf(value));
        } catch (Exception e) {
            throw new IllegalStateException("stored response is not JSON", e);
        }
    }
}
