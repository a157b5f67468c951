package io.jansuite.conversation.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A non-streaming OpenAI chat completion request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatRequest(String model, List<Turn> messages, Double temperature, Integer maxTokens, boolean stream) {

    public record Turn(String role, String content) {
    }
}
