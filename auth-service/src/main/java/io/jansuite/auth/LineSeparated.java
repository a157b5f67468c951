package io.jansuite.auth;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.List;

/**
 * A key's model ids as a text column, one per line (a model id may contain commas, never a line break);
 * null stays null: no list at all, which is not the same as an empty one.
 */
@Converter
public class LineSeparated implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> values) {
        return values == null ? null : String.join("\n", values);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return split(column);
    }

    public static List<String> split(String column) {
        return column == null ? null : Arrays.stream(column.split("\n")).filter(s -> !s.isEmpty()).toList();
    }
}
