package io.jansuite.common.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.function.Function;

/** {@code {"data": [...], "total", "limit", "offset", "has_more"}}: one page of a list. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ListEnvelope<T>(List<T> data, long total, int limit, int offset, boolean hasMore) {

    public static <T> ListEnvelope<T> of(List<T> page, long total, Page request) {
        return new ListEnvelope<>(page, total, request.limit(), request.offset(),
                request.offset() + page.size() < total);
    }

    public <R> ListEnvelope<R> map(Function<T, R> mapper) {
        return new ListEnvelope<>(data.stream().map(mapper).toList(), total, limit, offset, hasMore);
    }
}
