package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;

/** One kind of upstream API, spoken in OpenAI shapes. */
public interface UpstreamProvider {

    /**
     * Sends an OpenAI chat request (model already the client's; {@code conversation} stripped) to the target.
     * Completes once the upstream has answered (its response head when streaming, its whole body otherwise);
     * fails with {@link UpstreamException}.
     */
    Uni<UpstreamReply> call(Target target, ObjectNode request, CallOptions options);

    /** What the provider needs beyond the request: the model name to answer with, and the timeouts. */
    record CallOptions(String requestedModel, boolean stream, long connectMs, long firstByteMs, long idleMs) {
    }
}
