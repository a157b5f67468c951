package io.jansuite.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jansuite.common.error.ApiException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * No JSON string a client sends may hold the NUL character ({@code \u0000}): PostgreSQL cannot store it in
 * text or jsonb, and no model needs it. Refused as a 400 when the body is read, by every service, for typed
 * records and for trees alike.
 */
@Singleton
public class NulFreeJson implements ObjectMapperCustomizer {

    static final String MESSAGE = "must not contain the NUL character (\\u0000)";

    /** Thrown by the typed reader; the mapper names the field. */
    public static final class NulCharacterException extends JsonMappingException {
        NulCharacterException(JsonParser parser) {
            super(parser, MESSAGE);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("nul-free-strings").addDeserializer(String.class, new Strings()));
        mapper.setNodeFactory(new Nodes());
    }

    static final class Strings extends StdScalarDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new NulCharacterException(parser);
            }
            return value;
        }
    }

    static final class Nodes extends JsonNodeFactory {
        @Override
        public TextNode textNode(String text) {
            if (text != null && text.indexOf('\0') >= 0) {
                throw ApiException.badRequest("invalid_value", "A string in the request body " + MESSAGE + ".", null);
            }
            return super.textNode(text);
        }
    }
}
