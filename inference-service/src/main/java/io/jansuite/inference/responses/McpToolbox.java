package io.jansuite.inference.responses;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jansuite.common.error.ApiException;
import io.jansuite.inference.config.ResponsesConfig;
import io.jansuite.inference.neighbour.McpServerDirectory;
import io.jansuite.inference.neighbour.McpServerEntry;
import io.jansuite.common.auth.Caller;
import io.jansuite.inference.neighbour.UserSettings;
import io.jansuite.inference.tools.BuiltinTools;
import io.jansuite.inference.tools.McpToolCalls;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The MCP servers a response may use, under the admin's rules: a server must be registered and enabled; of
 * its tools only the enabled ones (and of those the {@code allowed_tools}) are offered; a call whose
 * arguments match the tool's content filter is refused, and the refusal is what the model reads. The built-in
 * server ({@code jan}: {@code conversation_search}, {@code web_fetch}) is one more server here, its tools run
 * in this service ({@link BuiltinTools}); a built-in tool that a user setting governs is offered only when
 * that user has it on.
 */
@ApplicationScoped
class McpToolbox {

    private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {
    };

    @Inject
    McpServerDirectory directory;

    @Inject
    McpToolCalls calls;

    @Inject
    BuiltinTools builtins;

    @Inject
    UserSettings userSettings;

    @Inject
    ResponsesConfig config;

    @Inject
    ObjectMapper json;

    /** A registered server named by a response's {@code mcp} tool, with the tools offered from it. */
    record Offered(String serverLabel, List<McpTool> tools) {
    }

    /** What a tool call returned: its output text, or the error the model is told. */
    record Result(String output, String error) {
    }

    Uni<List<Offered>> offer(ArrayNode mcpTools, Caller caller) {
        Settings settings = new Settings(caller);
        Uni<List<Offered>> all = Uni.createFrom().item(new ArrayList<>());
        for (int i = 0; i < mcpTools.size(); i++) {
            JsonNode entry = mcpTools.get(i);
            String param = "tools[" + i + "].server_label";
            all = all.chain(list -> offered(entry, param, settings).map(o -> {
                list.add(o);
                return list;
            }));
        }
        return all;
    }

    /** For the MCP gateway: the built-in server and every enabled one, each with the tools this caller may call. */
    Uni<List<Offered>> offerAll(Caller caller) {
        Settings settings = new Settings(caller);
        return directory.all().chain(servers -> {
            Uni<List<Offered>> all = Uni.createFrom().item(new ArrayList<>());
            for (McpServerEntry server : servers) {
                all = all.chain(list -> tools(server, null, settings).map(tools -> {
                    list.add(new Offered(server.name(), tools));
                    return list;
                }));
            }
            return all;
        });
    }

    private Uni<Offered> offered(JsonNode entry, String param, Settings settings) {
        String label = entry.path("server_label").asText();
        Set<String> allowed = allowed(entry.get("allowed_tools"));
        return directory.find(label).chain(server -> {
            if (server == null) {
                throw new ApiException(400, "mcp_server_not_found", "No enabled MCP server is registered as "
                        + label + ".", param);
            }
            return tools(server, allowed, settings).map(tools -> new Offered(label, tools));
        });
    }

    /**
     * A server's tools this caller may call: enabled by the admin, in {@code allowed} (null: all) and, for a
     * built-in tool a user setting governs, with that setting on.
     */
    private Uni<List<McpTool>> tools(McpServerEntry server, Set<String> allowed, Settings settings) {
        boolean builtin = BuiltinTools.isBuiltin(server.url());
        boolean governed = builtin && server.tools().stream().anyMatch(t -> BuiltinTools.governingSetting(t.name()) != null);
        Uni<Map<String, Boolean>> userSettings = governed ? settings.get() : Uni.createFrom().item(Map.of());
        return userSettings.map(on -> {
            List<McpTool> tools = new ArrayList<>();
            for (McpServerEntry.Tool t : server.tools()) {
                String setting = builtin ? BuiltinTools.governingSetting(t.name()) : null;
                boolean settingOn = setting == null || Boolean.TRUE.equals(on.get(setting));
                if (t.enabled() && settingOn && (allowed == null || allowed.contains(t.name()))) {
                    McpServerEntry.Filter f = t.contentFilter();
                    tools.add(new McpTool(server.name(), t.name(), t.description(), t.inputSchema(), server.url(),
                            server.headers() == null ? Map.of() : server.headers(),
                            f == null || f.disallowedKeywords() == null ? List.of() : f.disallowedKeywords(),
                            f == null || f.disallowedPatterns() == null ? List.of() : f.disallowedPatterns(), true));
                }
            }
            return tools;
        });
    }

    /** The caller's advanced settings, read at most once per response or gateway request, and only if needed. */
    private final class Settings {
        private final Caller caller;
        private Uni<Map<String, Boolean>> read;

        Settings(Caller caller) {
            this.caller = caller;
        }

        Uni<Map<String, Boolean>> get() {
            if (read == null) {
                read = userSettings.advanced(caller.authorizationHeader()).memoize().indefinitely();
            }
            return read;
        }
    }

    /** The listing of an {@code mcp_list_tools} item: name, description, input schema. */
    ArrayNode listing(Offered server) {
        ArrayNode out = json.createArrayNode();
        for (McpTool t : server.tools()) {
            var tool = out.addObject().put("name", t.name()).put("description", t.description());
            tool.set("input_schema", t.inputSchema());
            tool.putNull("annotations");
        }
        return out;
    }

    Uni<Result> call(Caller caller, McpTool tool, String arguments) {
        if (!tool.available()) {
            return Uni.createFrom().item(new Result(null, "The tool " + tool.name() + " is not available on "
                    + tool.serverLabel() + ": it is disabled or not allowed for this response."));
        }
        String refused = refusal(tool, arguments);
        if (refused != null) {
            return Uni.createFrom().item(new Result(null, refused));
        }
        Map<String, Object> args;
        try {
            args = arguments == null || arguments.isBlank() ? Map.of() : json.readValue(arguments, ARGUMENTS);
        } catch (Exception e) {
            return Uni.createFrom().item(new Result(null, "The arguments are not a JSON object."));
        }
        if (BuiltinTools.isBuiltin(tool.url())) {
            return builtins.call(caller, tool.name(), args, config.toolTimeout(), config.toolOutputMaxChars())
                    .map(outcome -> new Result(outcome.output(), outcome.error()));
        }
        return calls.call(tool.url(), tool.headers(), tool.name(), args, config.toolTimeout(),
                config.toolResponseMaxBytes(), config.toolOutputMaxChars())
                .map(outcome -> new Result(outcome.output(), outcome.error()));
    }

    /** Why the content filter refuses these arguments, or null. */
    static String refusal(McpTool tool, String arguments) {
        String text = arguments == null ? "" : arguments;
        String lower = text.toLowerCase(Locale.ROOT);
        for (String keyword : tool.disallowedKeywords()) {
            if (lower.contains(keyword.toLowerCase(Locale.ROOT))) {
                return "The call to " + tool.name() + " was refused: its arguments contain a disallowed keyword.";
            }
        }
        for (String pattern : tool.disallowedPatterns()) {
            if (Pattern.compile(pattern).matcher(text).find()) {
                return "The call to " + tool.name() + " was refused: its arguments match a disallowed pattern.";
            }
        }
        return null;
    }

    private static Set<String> allowed(JsonNode allowed) {
        if (allowed == null || allowed.isNull()) {
            return null;
        }
        JsonNode names = allowed.isArray() ? allowed : allowed.path("tool_names");
        Set<String> out = new HashSet<>();
        names.forEach(n -> out.add(n.asText()));
        return out;
    }
}
