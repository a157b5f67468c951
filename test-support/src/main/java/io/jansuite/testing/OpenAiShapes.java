package io.jansuite.testing;

import java.util.ArrayList;
import java.util.List;

/** Bodies and chunks exactly as OpenAI sends them (fields, order and nulls included). */
public final class OpenAiShapes {

    public static final String MODEL = "gpt-4o-mini-2024-07-18";
    public static final String CREATED = "1741569952";
    public static final String FINGERPRINT = "fp_44709d6fcb";

    private OpenAiShapes() {
    }

    public static String completion(String text) {
        return "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\",\"created\":" + CREATED
                + ",\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + text + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":10,\"total_tokens\":29,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
                + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\"}";
    }

    public static String toolCompletion() {
        return "{\"id\":\"chatcmpl-tool1\",\"object\":\"chat.completion\",\"created\":" + CREATED + ",\"model\":\"" + MODEL
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_Dn2RJJSxzDm49vlVTehseJ0k\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"location\\\":\\\"Paris, France\\\"}\"}}],\"refusal\":null,\"annotations\":[]},"
                + "\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":81,"
                + "\"completion_tokens\":17,\"total_tokens\":98},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_x\"}";
    }

    public static String chunk(String id, String delta, String finishReason) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED + ",\"model\":\""
                + MODEL + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"" + FINGERPRINT
                + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}],\"usage\":null}";
    }

    public static List<String> textChunks(List<String> tokens) {
        List<String> out = new ArrayList<>();
        out.add(chunk("chatcmpl-text", "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null));
        for (String t : tokens) {
            out.add(chunk("chatcmpl-text", "{\"content\":\"" + t + "\"}", null));
        }
        out.add(chunk("chatcmpl-text", "{}", "stop"));
        return out;
    }

    /** A streamed tool call: the id and name first, then the arguments in fragments. */
    public static List<String> toolChunks() {
        List<String> out = new ArrayList<>();
        out.add(chunk("chatcmpl-tools", "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                + "\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":\"\"}}],\"refusal\":null}", null));
        for (String fragment : List.of("{\\\"", "location", "\\\":\\\"", "Paris", ", France", "\\\"}")) {
            out.add(chunk("chatcmpl-tools", "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"" + fragment
                    + "\"}}]}", null));
        }
        out.add(chunk("chatcmpl-tools", "{}", "tool_calls"));
        return out;
    }

    public static String usageChunk() {
        return "{\"id\":\"chatcmpl-text\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED + ",\"model\":\""
                + MODEL + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"" + FINGERPRINT
                + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}";
    }
}
