package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * An upstream's answer in OpenAI shapes. Whole: the chat.completion ({@code raw} holds the upstream's own
 * bytes when they can be passed on unchanged). Streamed: the chat.completion.chunk JSON texts as they arrive,
 * without the closing [DONE]; cancelling the subscription aborts the upstream request.
 */
public record UpstreamReply(JsonNode completion, Buffer raw, Multi<String> chunks) {

    public static UpstreamReply whole(JsonNode completion, Buffer raw) {
        return new UpstreamReply(completion, raw, null);
    }

    public static UpstreamReply stream(Multi<String> chunks) {
        return new UpstreamReply(null, null, chunks);
    }

    public boolean streamed() {
        return chunks != null;
    }
}
