package io.jansuite.conversation.service;

import io.jansuite.common.error.ApiException;
import io.jansuite.conversation.repository.SearchRepository;
import io.jansuite.conversation.repository.SearchRepository.Hit;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Search of the caller's own conversations: each match as a snippet around the text that matched. */
@ApplicationScoped
public class SearchService {

    static final int MAX_QUERY = 200;
    static final int MAX_LIMIT = 50;
    private static final int AROUND = 120;

    @Inject
    SearchRepository repository;

    /** A matching message: where it is, and a piece of it around the match. */
    public record Match(String conversationId, String title, String messageId, String role, String snippet,
            Instant createdAt) {
    }

    public Uni<List<Match>> search(String userId, String query, int limit) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY) {
            throw ApiException.badRequest("invalid_value", "q must be 1 to " + MAX_QUERY + " characters.", "q");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_value", "limit must be from 1 to " + MAX_LIMIT + ".", "limit");
        }
        return repository.search(userId, q, limit).map(hits -> hits.stream().map(h -> match(h, q)).toList());
    }

    private static Match match(Hit h, String q) {
        return new Match(h.conversationId(), h.title(), h.messageId(), h.role(), snippet(h.content(), q), h.createdAt());
    }

    /** Up to {@value #AROUND} characters either side of the first match (or the start, if only the title matched). */
    static String snippet(String content, String q) {
        int at = content.toLowerCase(Locale.ROOT).indexOf(q.toLowerCase(Locale.ROOT));
        int from = Math.max(0, at < 0 ? 0 : at - AROUND);
        int to = Math.min(content.length(), (at < 0 ? 0 : at + q.length()) + AROUND);
        return (from > 0 ? "…" : "") + content.substring(from, to) + (to < content.length() ? "…" : "");
    }
}
