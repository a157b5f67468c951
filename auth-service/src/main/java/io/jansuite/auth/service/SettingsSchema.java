package io.jansuite.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.jansuite.common.error.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The settings sections, their fields, defaults and rules. A field outside this schema is refused. */
public final class SettingsSchema {

    public static final Set<String> BASE_STYLES = Set.of("Default", "Friendly", "Professional", "Concise",
            "Casual", "Creative", "Technical");

    enum Kind { TEXT, CHOICE, BOOLEAN, NUMBER, INTEGER }

    record Field(String name, Kind kind, Object defaultValue, double min, double max) {

        static Field text(String name, int maxLength) {
            return new Field(name, Kind.TEXT, "", 0, maxLength);
        }

        static Field bool(String name, boolean defaultValue) {
            return new Field(name, Kind.BOOLEAN, defaultValue, 0, 0);
        }
    }

    static final Map<String, List<Field>> SECTIONS = Map.of(
            "profile_settings", List.of(
                    new Field("base_style", Kind.CHOICE, "Friendly", 0, 0),
                    Field.text("nick_name", 50),
                    Field.text("occupation", 100),
                    Field.text("about", 2000),
                    Field.text("custom_instructions", 4000)),
            "memory_config", List.of(
                    Field.bool("enabled", true),
                    Field.bool("observe_enabled", true),
                    new Field("min_similarity", Kind.NUMBER, 0.75, 0, 1),
                    new Field("max_items", Kind.INTEGER, 10, 1, 100)),
            "advanced_settings", List.of(
                    Field.bool("web_search_enabled", false),
                    Field.bool("code_execution_enabled", false)));

    /** Fields the client may send back from a GET and that are not settings. */
    static final Set<String> READ_ONLY = Set.of("updated_at", "user_id");

    private SettingsSchema() {
    }

    public static Map<String, Map<String, Object>> defaults() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String section : List.of("profile_settings", "memory_config", "advanced_settings")) {
            Map<String, Object> fields = new LinkedHashMap<>();
            SECTIONS.get(section).forEach(f -> fields.put(f.name(), f.defaultValue()));
            out.put(section, fields);
        }
        return out;
    }

    /**
     * Validates a whole PATCH body and returns the changes as {@code section -> field -> value}; throws a 400
     * naming the first bad field, before anything is changed. A null value resets the field to its default.
     */
    public static Map<String, Map<String, Object>> changes(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_body", "Send a JSON object with the sections to change.", null);
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        var sections = body.fields();
        while (sections.hasNext()) {
            var section = sections.next();
            if (READ_ONLY.contains(section.getKey())) {
                continue;
            }
            List<Field> fields = SECTIONS.get(section.getKey());
            if (fields == null) {
                throw ApiException.badRequest("unknown_setting", "Unknown settings section " + section.getKey()
                        + "; expected profile_settings, memory_config or advanced_settings.", section.getKey());
            }
            if (!section.getValue().isObject()) {
                throw ApiException.badRequest("invalid_value", section.getKey() + " must be an object.", section.getKey());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            var entries = section.getValue().fields();
            while (entries.hasNext()) {
                var entry = entries.next();
                String param = section.getKey() + "." + entry.getKey();
                Field field = fields.stream().filter(f -> f.name().equals(entry.getKey())).findFirst()
                        .orElseThrow(() -> ApiException.badRequest("unknown_setting", "Unknown setting " + param + ".", param));
                values.put(field.name(), value(field, entry.getValue(), param));
            }
            out.put(section.getKey(), values);
        }
        return out;
    }

    private static Object value(Field field, JsonNode node, String param) {
        if (node.isNull()) {
            return field.defaultValue();
        }
        switch (field.kind()) {
            case TEXT -> {
                if (!node.isTextual()) {
                    throw invalid(param, param + " must be a string.");
                }
                if (node.textValue().length() > field.max()) {
                    throw invalid(param, param + " must be at most " + (int) field.max() + " characters.");
                }
                return node.textValue();
            }
            case CHOICE -> {
                if (!node.isTextual() || !BASE_STYLES.contains(node.textValue())) {
                    throw invalid(param, param + " must be one of " + String.join(", ", BASE_STYLES.stream().sorted().toList()) + ".");
                }
                return node.textValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw invalid(param, param + " must be true or false.");
                }
                return node.booleanValue();
            }
            case NUMBER -> {
                if (!node.isNumber() || node.doubleValue() < field.min() || node.doubleValue() > field.max()) {
                    throw invalid(param, param + " must be a number between " + field.min() + " and " + field.max() + ".");
                }
                return node.doubleValue();
            }
            case INTEGER -> {
                if (!node.isIntegralNumber() || node.longValue() < field.min() || node.longValue() > field.max()) {
                    throw invalid(param, param + " must be an integer between " + (int) field.min() + " and "
                            + (int) field.max() + ".");
                }
                return node.intValue();
            }
            default -> throw new IllegalStateException();
        }
    }

    private static ApiException invalid(String param, String message) {
        return ApiException.badRequest("invalid_value", message, param);
    }
}
