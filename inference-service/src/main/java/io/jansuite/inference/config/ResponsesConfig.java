package io.jansuite.inference.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Limits of the Responses API's tool loop and of the MCP calls it makes ({@code app.responses.*}). */
@ConfigMapping(prefix = "app.responses")
public interface ResponsesConfig {

    /** Model calls in one response; the tool loop ends as {@code incomplete} when they are spent. */
    int maxModelCalls();

    /** Wait for one MCP tool call (connection included). */
    Duration toolTimeout();

    /** Bytes of a tool's answer read at most; a larger answer is an error the model is told. */
    int toolResponseMaxBytes();

    /** Characters of a tool's output kept and shown to the model; the rest is cut with a notice. */
    int toolOutputMaxChars();

    /** How often a replica marks the background responses it is running as alive ({@code updated_at}). */
    @io.smallrye.config.WithDefault("10s")
    Duration backgroundHeartbeat();

    /**
     * A queued or running background response not marked alive for this long was left by a replica that
     * died: it is marked failed ({@code background_interrupted}), at start-up and then at every heartbeat.
     */
    @io.smallrye.config.WithDefault("60s")
    Duration backgroundStaleAfter();
}
