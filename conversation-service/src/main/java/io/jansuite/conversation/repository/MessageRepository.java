package io.jansuite.conversation.repository;

import io.jansuite.conversation.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two statements on the hot path of a conversation, each one round trip whatever the conversation's length:
 * appending (the position counter, the message count and the new rows under one row lock) and reading a page
 * (its first position found in the position index, then the page itself, and the count kept on the conversation).
 */
@ApplicationScoped
public class MessageRepository {

    /**
     * $1 conversation, $2 owner, $3 how many, $4 now, $5 model or null, $6..$10 ids, roles, contents, types and
     * incomplete reasons (null for a whole message).
     */
    private static final String APPEND = """
            WITH c AS (
                UPDATE conversation.conversation
                   SET next_position = next_position + $3, message_count = message_count + $3,
                       updated_at = GREATEST($4, updated_at + interval '1 millisecond'),
                       last_model = COALESCE($5, last_model)
                 WHERE id = $1 AND user_id = $2
             RETURNING id, next_position - $3 AS first, updated_at AS now)
            INSERT INTO conversation.message (id, conversation_id, position, role, content, content_type, status,
                   incomplete_reason, created_at, updated_at)
            SELECT m.id, c.id, c.first + m.n - 1, m.role, m.content, m.content_type,
                   CASE WHEN m.reason IS NULL THEN 'completed' ELSE 'incomplete' END, m.reason, c.now, c.now
              FROM c, unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
                   WITH ORDINALITY AS m(id, role, content, content_type, reason, n)
            RETURNING id, position, created_at""";

    private static final String PAGE = """
            SELECT c.message_count, m.id, m.position, m.role, m.content, m.content_type, m.status, m.incomplete_reason,
                   m.created_at, m.updated_at
              FROM conversation.conversation c
              LEFT JOIN LATERAL (
                  SELECT * FROM conversation.message
                   WHERE conversation_id = c.id AND position %1$s (
                         SELECT position FROM conversation.message WHERE conversation_id = c.id
                          ORDER BY position %2$s OFFSET $3 LIMIT 1)
                   ORDER BY position %2$s LIMIT $4) m ON true
             WHERE c.id = $1 AND c.user_id = $2
             ORDER BY m.position %2$s""";
    private static final String PAGE_ASCENDING = PAGE.formatted(">=", "ASC");
    private static final String PAGE_DESCENDING = PAGE.formatted("<=", "DESC");

    /** One message to append. */
    public record NewRow(String id, String role, String content, String contentType, String incompleteReason) {
    }

    /** A page and the conversation's message count. */
    public record Page(List<Message> items, long total) {
    }

    @Inject
    Pool pool;

    /**
     * Appends {@code rows} in order after the conversation's last message; null when the conversation is not
     * {@code userId}'s. {@code model}, when not null, becomes the conversation's model for regenerate.
     */
    public Uni<List<Message>> append(String userId, String conversationId, List<NewRow> rows, Instant now, String model) {
        Tuple args = Tuple.tuple(List.of(conversationId, userId, rows.size(), now.atOffset(ZoneOffset.UTC)))
                .addString(model)
                .addArrayOfString(rows.stream().map(NewRow::id).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewRow::role).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewRow::content).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewRow::contentType).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewRow::incompleteReason).toArray(String[]::new));
        return pool.preparedQuery(APPEND).execute(args).map(result -> {
            if (result.size() == 0) {
                return null;
            }
            Map<String, Row> byId = new HashMap<>();
            result.forEach(row -> byId.put(row.getString("id"), row));
            List<Message> created = new ArrayList<>(rows.size());
            for (NewRow r : rows) {
                Row row = byId.get(r.id());
                Message m = new Message();
                m.id = r.id();
                m.conversationId = conversationId;
                m.position = row.getLong("position");
                m.role = r.role();
                m.content = r.content();
                m.contentType = r.contentType();
                m.status = r.incompleteReason() == null ? "completed" : "incomplete";
                m.incompleteReason = r.incompleteReason();
                m.createdAt = row.getOffsetDateTime("created_at").toInstant();
                m.updatedAt = m.createdAt;
                created.add(m);
            }
            return created;
        });
    }

    /** {@code limit} messages from the {@code offset}-th, in position order; null when not {@code userId}'s. */
    public Uni<Page> page(String userId, String conversationId, int offset, int limit, boolean ascending) {
        return pool.preparedQuery(ascending ? PAGE_ASCENDING : PAGE_DESCENDING)
                .execute(Tuple.of(conversationId, userId, offset, limit))
                .map(result -> result.size() == 0 ? null : toPage(conversationId, result));
    }

    private static Page toPage(String conversationId, RowSet<Row> result) {
        long total = 0;
        List<Message> items = new ArrayList<>(result.size());
        for (Row row : result) {
            total = row.getLong("message_count");
            if (row.getString("id") == null) {
                continue; // the conversation, without a message on this page
            }
            Message m = new Message();
            m.id = row.getString("id");
            m.conversationId = conversationId;
            m.position = row.getLong("position");
            m.role = row.getString("role");
            m.content = row.getString("content");
            m.contentType = row.getString("content_type");
            m.status = row.getString("status");
            m.incompleteReason = row.getString("incomplete_reason");
            m.createdAt = row.getOffsetDateTime("created_at").toInstant();
            m.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
            items.add(m);
        }
        return new Page(items, total);
    }
}
