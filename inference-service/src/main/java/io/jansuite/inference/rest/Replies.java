package io.jansuite.inference.rest;

import io.jansuite.common.error.ApiException;
import io.jansuite.inference.service.Reply;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * The one way the model endpoints answer: a {@link Reply} (a whole body or an event stream, with its status and
 * headers), or, when the call fails before it started, the endpoint's own error shape.
 */
final class Replies {

    private Replies() {
    }

    static RestMulti<Buffer> send(Supplier<Uni<Reply>> call, Function<ApiException, Reply> error) {
        Uni<Reply> reply = Uni.createFrom().<Reply>deferred(call::get)
                .onFailure(ApiException.class).recoverWithItem(e -> error.apply((ApiException) e));
        return RestMulti.fromUniResponse(reply, Reply::body, Reply::headers, Reply::status);
    }
}
