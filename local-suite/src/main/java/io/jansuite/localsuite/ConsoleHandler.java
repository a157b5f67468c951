package io.jansuite.localsuite;

import io.jansuite.console.ConsoleSite;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** The web console ({@code /} and {@code /console/...}) answered by the ingress itself from the console jar. */
final class ConsoleHandler {

    private final ConsoleSite site;

    ConsoleHandler(ConsoleSite site) {
        this.site = site;
    }

    static boolean handles(String path) {
        return ConsoleSite.handles(path);
    }

    void handle(HttpServerRequest request, String requestId) {
        ConsoleSite.Response answer = site.answer(request.method().name(), request.path(),
                request.getHeader("If-None-Match"), requestId);
        HttpServerResponse response = request.response().setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.putHeader(ErrorBodies.REQUEST_ID, requestId);
        if (answer.status() == 304) {
            response.headers().remove("Content-Length");
        }
        response.end(Buffer.buffer(answer.body()));
    }
}
