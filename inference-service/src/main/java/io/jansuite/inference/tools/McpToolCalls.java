package io.jansuite.inference.tools;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One {@code tools/call} to an MCP server over streamable HTTP, with the official MCP Java SDK (blocking, so
 * on a worker thread): a fresh session per call, a bounded wait, a bounded answer size. It never fails: a
 * timeout, an unreachable server, an oversized or an error result all come back as an error text.
 */
@ApplicationScoped
public class McpToolCalls {

    private static final Logger LOG = Logger.getLogger(McpToolCalls.class);

    /** The tool's text output, or what went wrong. */
    public record Outcome(String output, String error) {
    }

    public Uni<Outcome> call(String url, Map<String, String> headers, String tool, Map<String, Object> arguments,
            Duration timeout, int maxBytes, int maxChars) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Uni<Outcome> call = Uni.createFrom().item(() -> callNow(url, headers, tool, arguments, timeout, maxBytes, maxChars))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout.plusSeconds(2)).recoverWithItem(() -> timedOut(tool, timeout));
        return context == null ? call : call.emitOn(task -> context.runOnContext(v -> task.run()));
    }

    private Outcome callNow(String url, Map<String, String> headers, String tool, Map<String, Object> arguments,
            Duration timeout, int maxBytes, int maxChars) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder();
        headers.forEach(request::header);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(uri.getScheme() + "://" + uri.getRawAuthority())
                .endpoint(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .requestBuilder(request).connectTimeout(Duration.ofSeconds(5)).maxResponseSize(maxBytes).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(timeout).initializationTimeout(timeout)
                .clientInfo(new McpSchema.Implementation("jansuite-inference", "1.0.0")).build();
        try {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
            String text = text(result, maxChars);
            return Boolean.TRUE.equals(result.isError()) ? new Outcome(null, text.isEmpty() ? "The tool failed." : text)
                    : new Outcome(text, null);
        } catch (RuntimeException e) {
            String why = describe(e, timeout, maxBytes);
            LOG.warnf("MCP tool %s at %s: %s", tool, uri.getRawAuthority(), why);
            return new Outcome(null, why);
        } finally {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debugf("MCP client close: %s", e.toString());
            }
        }
    }

    /** The text parts of the result, cut at {@code maxChars} with a notice. */
    private static String text(McpSchema.CallToolResult result, int maxChars) {
        StringBuilder out = new StringBuilder();
        if (result.content() != null) {
            for (McpSchema.Content c : result.content()) {
                if (c instanceof McpSchema.TextContent t && t.text() != null) {
                    if (!out.isEmpty()) {
                        out.append('\n');
                    }
                    out.append(t.text());
                } else if (c != null) {
                    out.append(out.isEmpty() ? "" : "\n").append('[').append(c.type()).append(" content]");
                }
                if (out.length() > maxChars) {
                    break;
                }
            }
        }
        if (out.isEmpty() && result.structuredContent() != null) {
            out.append(result.structuredContent());
        }
        if (out.length() > maxChars) {
            out.setLength(maxChars);
            out.append("\n[output cut at ").append(maxChars).append(" characters]");
        }
        return out.toString();
    }

    private static String describe(RuntimeException e, Duration timeout, int maxBytes) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage());
            if (t instanceof java.util.concurrent.TimeoutException || name.contains("Timeout")
                    || message.contains("Did not observe any item or terminal signal")) {
                return "The tool did not answer within " + timeout.toSeconds() + " s.";
            }
            if (message.contains("exceed") || name.contains("MaxSize") || name.contains("TooLarge")) {
                return "The tool's answer exceeded " + maxBytes / 1024 + " KiB.";
            }
        }
        return "The tool could not be called (" + e.getClass().getSimpleName() + ").";
    }

    private static Outcome timedOut(String tool, Duration timeout) {
        return new Outcome(null, "The tool did not answer within " + timeout.toSeconds() + " s.");
    }
}
