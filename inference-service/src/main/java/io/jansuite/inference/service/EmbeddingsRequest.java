package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jansuite.common.error.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated OpenAI embeddings request: {@code input} a string, a list of strings, a token array or a list
 * of token arrays (at most {@value #MAX_INPUTS} inputs); {@code encoding_format} {@code float} or
 * {@code base64}; {@code dimensions} a positive integer. The upstream is always asked for floats, so that
 * every OpenAI-compatible server can answer; base64 is encoded here.
 */
public record EmbeddingsRequest(String model, JsonNode input, List<String> texts, List<int[]> tokenArrays,
        boolean base64, Integer dimensions, JsonNode user) {

    static final int MAX_INPUTS = 2048;
    static final int MAX_DIMENSIONS = 16384;

    public static EmbeddingsRequest parse(ObjectNode body) {
        if (body == null) {
            throw invalid("The request body must be a JSON object.", null);
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw invalid("model is required.", "model");
        }
        JsonNode input = body.get("input");
        List<String> texts = new ArrayList<>();
        List<int[]> tokens = new ArrayList<>();
        if (input != null && input.isTextual() && !input.asText().isEmpty()) {
            texts.add(input.asText());
        } else if (input != null && input.isArray() && !input.isEmpty() && input.size() <= MAX_INPUTS) {
            if (input.get(0).isIntegralNumber()) {
                tokens.add(tokenArray(input, "input"));
            } else {
                for (int i = 0; i < input.size(); i++) {
                    JsonNode item = input.get(i);
                    if (item.isTextual() && !item.asText().isEmpty() && tokens.isEmpty()) {
                        texts.add(item.asText());
                    } else if (item.isArray() && texts.isEmpty()) {
                        tokens.add(tokenArray(item, "input[" + i + "]"));
                    } else {
                        throw invalid("input[" + i + "] must be a non-empty string, or every item a token array.",
                                "input");
                    }
                }
            }
        } else {
            throw invalid("input must be a non-empty string, or a list of 1 to " + MAX_INPUTS
                    + " non-empty strings or token arrays.", "input");
        }
        JsonNode format = body.get("encoding_format");
        if (format != null && !format.isNull() && !(format.isTextual()
                && (format.asText().equals("float") || format.asText().equals("base64")))) {
            throw invalid("encoding_format must be float or base64.", "encoding_format");
        }
        JsonNode dimensions = body.get("dimensions");
        if (dimensions != null && !dimensions.isNull()
                && !(dimensions.isIntegralNumber() && dimensions.canConvertToInt() && dimensions.asInt() >= 1
                        && dimensions.asInt() <= MAX_DIMENSIONS)) {
            throw invalid("dimensions must be an integer from 1 to " + MAX_DIMENSIONS + ".", "dimensions");
        }
        return new EmbeddingsRequest(model.asText(), input, texts, tokens,
                format != null && "base64".equals(format.asText()),
                dimensions == null || dimensions.isNull() ? null : dimensions.asInt(), body.get("user"));
    }

    private static int[] tokenArray(JsonNode array, String param) {
        if (array.isEmpty()) {
            throw invalid(param + " must not be an empty token array.", "input");
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < array.size(); i++) {
            JsonNode t = array.get(i);
            if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 0) {
                throw invalid(param + " must hold token ids (non-negative integers).", "input");
            }
            out[i] = t.asInt();
        }
        return out;
    }

    private static ApiException invalid(String message, String param) {
        return ApiException.badRequest("invalid_value", message, param);
    }

    /** How many vectors the answer must hold. */
    public int count() {
        return texts.isEmpty() ? tokenArrays.size() : texts.size();
    }

    /** Input tokens when the upstream does not say: token arrays counted, text about four characters a token. */
    public int estimatedTokens() {
        int total = 0;
        for (String t : texts) {
            total += Math.max(1, (t.length() + 3) / 4);
        }
        for (int[] t : tokenArrays) {
            total += t.length;
        }
        return total;
    }

    /** The body for an OpenAI-compatible upstream (model set per target): input as given, floats asked for. */
    public ObjectNode upstreamRequest(ObjectNode template) {
        ObjectNode out = template.objectNode();
        out.set("input", input);
        out.put("encoding_format", "float");
        if (dimensions != null) {
            out.put("dimensions", dimensions);
        }
        if (user != null && !user.isNull()) {
            out.set("user", user);
        }
        return out;
    }
}
