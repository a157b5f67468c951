package io.jansuite.testing;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * A real MCP server, built with the official MCP Java SDK on its streamable HTTP transport (Jetty), at
 * {@code http://127.0.0.1:<port>/mcp}. It answers only requests with {@code Authorization: Bearer <token>}
 * and offers: {@code add} ({@code a + b}), {@code echo} ({@code text}), {@code hang} (never answers),
 * {@code huge} (about 10 MB of text) and {@code fail} (an error result). {@link #calls(String)} counts calls.
 */
public final class McpTestServer implements AutoCloseable {

    private final Server jetty;
    private final McpSyncServer mcp;
    private final String token;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    public McpTestServer(String token) throws Exception {
        this.token = token;
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        this.mcp = McpServer.sync(transport).serverInfo("jansuite-test-tools", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tool("add", "Adds two numbers", Map.of("a", "number", "b", "number"),
                        args -> String.valueOf(number(args.get("a")) + number(args.get("b")))),
                        tool("echo", "Repeats the text", Map.of("text", "string"), args -> String.valueOf(args.get("text"))),
                        tool("hang", "Never answers", Map.of(), args -> {
                            try {
                                Thread.sleep(120_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return "late";
                        }),
                        tool("huge", "Returns about 10 MB", Map.of(), args -> "x".repeat(10 * 1024 * 1024)),
                        failing())
                .build();
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new Guard(transport)), "/mcp/*");
        context.addServlet(new ServletHolder(new Guard(transport)), "/mcp");
        jetty.setHandler(context);
        jetty.start();
    }

    public String url() {
        return "http://127.0.0.1:" + ((org.eclipse.jetty.server.ServerConnector) jetty.getConnectors()[0]).getLocalPort()
                + "/mcp";
    }

    public int calls(String tool) {
        return calls.getOrDefault(tool, new AtomicInteger()).get();
    }

    private SyncToolSpecification tool(String name, String description, Map<String, String> params,
            java.util.function.Function<Map<String, Object>, String> body) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        params.forEach((k, type) -> properties.put(k, Map.of("type", type)));
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(Map.of("type", "object", "properties", properties)).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            return McpSchema.CallToolResult.builder().addTextContent(body.apply(args)).isError(false).build();
        }).build();
    }

    private SyncToolSpecification failing() {
        McpSchema.Tool tool = McpSchema.Tool.builder().name("fail").description("Always fails")
                .inputSchema(Map.of("type", "object", "properties", Map.of())).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            calls.computeIfAbsent("fail", k -> new AtomicInteger()).incrementAndGet();
            return McpSchema.CallToolResult.builder().addTextContent("the tool broke").isError(true).build();
        }).build();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
    }

    /** The transport behind a bearer-token check, as a real deployment would put it. */
    private final class Guard extends HttpServlet {
        private final HttpServletStreamableServerTransportProvider transport;

        Guard(HttpServletStreamableServerTransportProvider transport) {
            this.transport = transport;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res)
                throws jakarta.servlet.ServletException, IOException {
            if (!("Bearer " + token).equals(req.getHeader("Authorization"))) {
                res.sendError(401);
                return;
            }
            transport.service(req, res);
        }
    }

    @Override
    public void close() throws Exception {
        mcp.closeGracefully();
        jetty.stop();
    }
}
