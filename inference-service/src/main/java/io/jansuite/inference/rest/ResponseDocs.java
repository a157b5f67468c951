package io.jansuite.inference.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAI Responses API shapes, for the API reference only: the resource works on the JSON as it comes,
 * so none of these is ever (de)serialized.
 */
final class ResponseDocs {

    private ResponseDocs() {
    }

    @Schema(description = "An OpenAI Responses API request", requiredProperties = {"model", "input"})
    record CreateResponse(
            @Schema(description = "A model id from GET /v1/models", examples = "jan-v2-30b") String model,
            @Schema(description = "A string (one user message) or a list of input items: messages "
                    + "({role, content}), function_call and function_call_output items") Object input,
            @Schema(description = "A system message placed before the input; not carried over by previous_response_id")
            String instructions,
            @Schema(description = "Function tools ({type: function, name, description, parameters}), answered by the "
                    + "client as function_call items; MCP tools ({type: mcp, server_label, allowed_tools, "
                    + "require_approval: never}) of registered servers, run by the suite") List<Map<String, Object>> tools,
            @JsonProperty("tool_choice") @Schema(description = "auto, none, required or {type: function, name}")
            Object toolChoice,
            @Schema(minimum = "0", maximum = "2") Double temperature,
            @JsonProperty("top_p") @Schema(minimum = "0", maximum = "1") Double topP,
            @JsonProperty("max_output_tokens") @Schema(minimum = "1") Integer maxOutputTokens,
            @Schema(description = "Up to 16 string values") Map<String, String> metadata,
            @Schema(description = "Keep the response for retrieve, input_items and previous_response_id (default true)")
            Boolean store,
            @JsonProperty("previous_response_id") @Schema(description = "Continue from a stored response of yours")
            String previousResponseId,
            @Schema(description = "Answer at once with status queued and run in the background") Boolean background,
            @Schema(description = "true: a text/event-stream of response.* events, each with a sequence_number")
            Boolean stream) {
    }

    @Schema(description = "An OpenAI response object")
    record Response(
            @Schema(examples = "resp_4pNfm5IJnDgbyGrrsyXkTr") String id,
            @Schema(enumeration = "response") String object,
            @JsonProperty("created_at") long createdAt,
            @Schema(enumeration = {"completed", "incomplete", "in_progress", "queued", "cancelled", "failed"}) String status,
            String model,
            @Schema(description = "message items with output_text parts, function_call, mcp_call and mcp_list_tools items")
            List<Map<String, Object>> output,
            @JsonProperty("incomplete_details") @Schema(description = "{reason: max_output_tokens | content_filter | "
                    + "max_tool_calls}") Map<String, Object> incompleteDetails,
            @Schema(description = "{code, message} when status is failed") Map<String, Object> error,
            @Schema(description = "input_tokens, output_tokens, total_tokens") Map<String, Object> usage,
            @JsonProperty("previous_response_id") String previousResponseId,
            Map<String, String> metadata) {
    }

    @Schema(description = "A page of a response's input items")
    record InputItemList(@Schema(enumeration = "list") String object, List<Map<String, Object>> data,
            @JsonProperty("first_id") String firstId, @JsonProperty("last_id") String lastId,
            @JsonProperty("has_more") boolean hasMore) {
    }

    @Schema(description = "The answer to a delete")
    record Deleted(String id, @Schema(enumeration = "response") String object, boolean deleted) {
    }
}
