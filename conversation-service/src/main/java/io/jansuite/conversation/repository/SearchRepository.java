package io.jansuite.conversation.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches one owner's messages (and conversation titles) for a piece of text, newest first. One statement;
 * the owner is part of the statement, so another user's conversations can never match.
 */
@ApplicationScoped
public class SearchRepository {

    /** $1 owner, $2 the LIKE pattern (escaped), $3 how many. */
    private static final String SEARCH = """
            SELECT c.id AS conversation_id, c.title, m.id AS message_id, m.role, m.content, m.created_at
              FROM conversation.conversation c
              JOIN conversation.message m ON m.conversation_id = c.id
             WHERE c.user_id = $1
               AND (m.content ILIKE $2 ESCAPE '\\' OR c.title ILIKE $2 ESCAPE '\\')
             ORDER BY m.created_at DESC, m.position DESC
             LIMIT $3""";

    /** A message that matched, with its conversation. */
    public record Hit(String conversationId, String title, String messageId, String role, String content,
            Instant createdAt) {
    }

    @Inject
    Pool pool;

    public Uni<List<Hit>> search(String userId, String text, int limit) {
        return pool.preparedQuery(SEARCH).execute(Tuple.of(userId, "%" + escape(text) + "%", limit)).map(rows -> {
            List<Hit> out = new ArrayList<>();
            for (Row row : rows) {
                out.add(new Hit(row.getString("conversation_id"), row.getString("title"), row.getString("message_id"),
                        row.getString("role"), row.getString("content"),
                        row.getOffsetDateTime("created_at").toInstant()));
            }
            return out;
        });
    }

    /** The text as a literal inside a LIKE pattern: %, _ and the escape character lose their meaning. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
