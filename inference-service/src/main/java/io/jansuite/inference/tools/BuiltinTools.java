package io.jansuite.inference.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jansuite.common.auth.Caller;
import io.jansuite.inference.neighbour.ConversationSearchApi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The suite's own tools, run here rather than over MCP: the catalog lists them as the tools of the built-in
 * server (URL {@code builtin:jan}), with the admin's switches and content filters like any synced tool.
 * {@code conversation_search} searches the caller's own conversations (the conversation-service checks the
 * caller's credential); {@code web_fetch} fetches a public URL as text ({@link WebFetch}). Like
 * {@link McpToolCalls}, a call never fails: what went wrong is the error text.
 */
@ApplicationScoped
public class BuiltinTools {

    private static final Logger LOG = Logger.getLogger(BuiltinTools.class);

    /** The URL the catalog gives the built-in server. */
    public static final String URL = "builtin:jan";

    @Inject
    WebFetch web;

    @RestClient
    ConversationSearchApi conversations;

    @Inject
    ObjectMapper json;

    public static boolean isBuiltin(String serverUrl) {
        return serverUrl != null && serverUrl.startsWith("builtin:");
    }

    /**
     * The user setting (auth-service, {@code advanced_settings}) that must be on for a built-in tool to be
     * offered, or null. No built-in tool runs code, so {@code code_execution_enabled} governs none of them.
     */
    public static String governingSetting(String tool) {
        return switch (tool) {
            case "web_fetch" -> "web_search_enabled";
            default -> null;
        };
    }

    public Uni<McpToolCalls.Outcome> call(Caller caller, String tool, Map<String, Object> arguments, Duration timeout,
            int maxChars) {
        Uni<McpToolCalls.Outcome> run = switch (tool) {
            case "web_fetch" -> webFetch(arguments, maxChars);
            case "conversation_search" -> conversationSearch(caller, arguments, maxChars);
            default -> Uni.createFrom().item(new McpToolCalls.Outcome(null, "No built-in tool " + tool + "."));
        };
        return run.ifNoItem().after(timeout).recoverWithItem(() -> new McpToolCalls.Outcome(null,
                "The tool did not answer within " + timeout.toSeconds() + " s."));
    }

    private Uni<McpToolCalls.Outcome> webFetch(Map<String, Object> arguments, int maxChars) {
        if (!(arguments.get("url") instanceof String url) || url.isBlank()) {
            return Uni.createFrom().item(new McpToolCalls.Outcome(null, "url is required: an http or https URL."));
        }
        int limit = arguments.get("max_chars") instanceof Number n ? Math.max(100, Math.min(maxChars, n.intValue()))
                : maxChars;
        return web.fetch(url.strip(), limit).map(page -> new McpToolCalls.Outcome(page.text(), page.error()));
    }

    private Uni<McpToolCalls.Outcome> conversationSearch(Caller caller, Map<String, Object> arguments, int maxChars) {
        if (!(arguments.get("query") instanceof String query) || query.isBlank() || query.length() > 200) {
            return Uni.createFrom().item(new McpToolCalls.Outcome(null, "query is required: 1 to 200 characters."));
        }
        int limit = arguments.get("limit") instanceof Number n ? Math.max(1, Math.min(20, n.intValue())) : 5;
        return conversations.search(caller.authorizationHeader(), query.strip(), limit).map(body -> {
            ArrayNode matches = json.createArrayNode();
            for (JsonNode m : body.path("data")) {
                matches.addObject().put("conversation_id", m.path("conversation_id").asText())
                        .put("title", m.path("title").asText(null)).put("role", m.path("role").asText())
                        .put("snippet", m.path("snippet").asText()).put("created_at", m.path("created_at").asText());
            }
            String text = matches.isEmpty() ? "No message in your conversations contains \"" + query.strip() + "\"."
                    : matches.toString();
            return new McpToolCalls.Outcome(text.length() > maxChars ? text.substring(0, maxChars) : text, null);
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("conversation_search failed: %s", e.toString());
            return new McpToolCalls.Outcome(null, "Your conversations could not be searched right now.");
        });
    }
}
