package io.jansuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jansuite.testing.LocalServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Real clients, unchanged: the seed page's JavaScript examples, the official OpenAI SDK (openai@6.49.0: chat
 * completions and the Responses API), the official Anthropic SDK (@anthropic-ai/sdk@1.10.0) and the Vercel AI
 * SDK (ai@6 with @ai-sdk/openai@3, whose {@code openai("model")} speaks the Responses API; ai@7 needs Node 22),
 * and the official MCP TypeScript SDK as a client of the gateway {@code /v1/mcp}.
 * Without Node.js they are skipped with a notice, except under CI=true where that is a failure.
 */
@Order(2)
class NodeClientsTest {

    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();

    @BeforeAll
    static void nodeAndSuite() throws Exception {
        boolean node = run(List.of("node", "--version"), Map.of(), 20).exit == 0;
        if (!node && LocalServices.isCi()) {
            throw new IllegalStateException("CI=true but Node.js is not on the PATH");
        }
        assumeTrue(node, "Node.js is not installed: the seed-page and OpenAI SDK tests are skipped");
        installNodeModules();
        RunningSuite.shared();
    }

    /** npm ci when a package of package.json is missing from node_modules. */
    static void installNodeModules() {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/openai"))
                || !Files.isDirectory(NODE_DIR.resolve("node_modules/@anthropic-ai/sdk"))
                || !Files.isDirectory(NODE_DIR.resolve("node_modules/playwright-core"))
                || !Files.isDirectory(NODE_DIR.resolve("node_modules/ai"))
                || !Files.isDirectory(NODE_DIR.resolve("node_modules/@ai-sdk/openai"))
                || !Files.isDirectory(NODE_DIR.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
            assertEquals(0, install.exit, "npm ci: " + install.output);
        }
    }

    @Test
    void everySeedPageExampleWorksAsWritten() throws Exception {
        Result r = run(List.of("node", "tools/seed-examples.mjs", RunningSuite.BASE),
                Map.of("ADMIN_EMAIL", RunningSuite.ADMIN_EMAIL, "ADMIN_PASSWORD", RunningSuite.ADMIN_PASSWORD), 180);
        System.out.println(r.output);
        assertEquals(0, r.exit, r.output);
    }

    @Test
    void officialOpenAiSdkWorksWithAnApiKey() throws Exception {
        String key = (String) Api.apiKey(Api.guestToken(), "read", "write").get("key");
        Result r = run(List.of("node", "openai-sdk.mjs"), Map.of("BASE_URL", RunningSuite.BASE, "API_KEY", key), 120);
        System.out.println(r.output);
        assertEquals(0, r.exit, r.output);
    }

    @Test
    void gatewayEndpointsWorkWithTheOfficialOpenAiAndAnthropicSdks() throws Exception {
        String key = (String) Api.apiKey(Api.guestToken(), "read", "write").get("key");
        Result r = run(List.of("node", "gateway-sdks.mjs"), Map.of("BASE_URL", RunningSuite.BASE, "API_KEY", key), 120);
        System.out.println(r.output);
        assertEquals(0, r.exit, r.output);
    }

    @Test
    void officialOpenAiSdkSpeaksTheResponsesApi() throws Exception {
        String key = (String) Api.apiKey(Api.guestToken(), "read", "write").get("key");
        Result r = run(List.of("node", "responses-sdk.mjs"), Map.of("BASE_URL", RunningSuite.BASE, "API_KEY", key), 120);
        System.out.println(r.output);
        assertEquals(0, r.exit, r.output);
    }

    @Test
    void vercelAiSdkGeneratesAndStreamsOverTheResponsesApi() throws Exception {
        String key = (String) Api.apiKey(Api.guestToken(), "read", "write").get("key");
        Result r = run(List.of("node", "vercel-ai.mjs"), Map.of("BASE_URL", RunningSuite.BASE, "API_KEY", key), 120);
        System.out.println(r.output);
        assertEquals(0, r.exit, r.output);
    }

    @Test
    void officialMcpSdkUsesTheGatewayWithAnApiKey() throws Exception {
        String key = (String) Api.apiKey(Api.guestToken(), "read", "write").get("key");
        Result r = run(List.of("node", "mcp-gateway.mjs"), Map.of("BASE_URL", RunningSuite.BASE, "API_KEY", key), 120);
        System.out.println(r.output);
        assertEquals(0, r.exit, r.output);
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + new String(out));
            }
            return new Result(p.exitValue(), new String(out));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
