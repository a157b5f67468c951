package io.jansuite.inference.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Puts the model the client asked for in an OpenAI answer or chunk that an upstream named after its own
 * model. A chunk's top-level {@code "model": "..."} is rewritten in place without parsing it (a JSON string
 * cannot contain an unescaped quote, so the key can only match structurally); anything unexpected is parsed.
 */
final class ModelRename {

    private static final String KEY = "\"model\"";

    private ModelRename() {
    }

    static String chunk(String data, String model, ObjectMapper json) {
        int key = data.indexOf(KEY);
        if (key >= 0) {
            int i = skipSpace(data, key + KEY.length());
            if (i < data.length() && data.charAt(i) == ':') {
                i = skipSpace(data, i + 1);
                if (i < data.length() && data.charAt(i) == '"') {
                    int end = closingQuote(data, i + 1);
                    if (end > 0) {
                        String current = data.substring(i + 1, end);
                        if (current.equals(model)) {
                            return data;
                        }
                        if (isPlain(model)) {
                            return data.substring(0, i + 1) + model + data.substring(end);
                        }
                    }
                }
            }
        }
        try {
            JsonNode node = json.readTree(data);
            if (node instanceof ObjectNode o) {
                o.put("model", model);
                return o.toString();
            }
        } catch (Exception e) {
            // not JSON: left as it is, the caller decides what a bad chunk means
        }
        return data;
    }

    /** The whole answer named after the client's model; true when it had to change. */
    static boolean whole(JsonNode completion, String model) {
        if (completion instanceof ObjectNode o && !model.equals(o.path("model").asText(null))) {
            o.put("model", model);
            return true;
        }
        return false;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int closingQuote(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Needs no JSON escaping. */
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return false;
            }
        }
        return true;
    }
}
