package io.jansuite.inference.client;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a server-sent-event byte stream into events as bytes arrive: lines end with LF or CRLF, an event ends
 * at a blank line, {@code data:} lines join with LF, comments are dropped. Lines are decoded whole, so a
 * multi-byte character split across network reads stays intact.
 */
public final class SseParser {

    /** One event: its {@code event:} name (null when none) and its data. */
    public record Event(String name, String data) {
    }

    private final Consumer<Event> sink;
    private Buffer pending = Buffer.buffer();
    private String name;
    private StringBuilder data;

    public SseParser(Consumer<Event> sink) {
        this.sink = sink;
    }

    public void feed(Buffer chunk) {
        pending.appendBuffer(chunk);
        int start = 0;
        for (int i = 0; i < pending.length(); i++) {
            if (pending.getByte(i) == '\n') {
                int end = i > start && pending.getByte(i - 1) == '\r' ? i - 1 : i;
                line(pending.getString(start, end, StandardCharsets.UTF_8.name()));
                start = i + 1;
            }
        }
        pending = start == 0 ? pending : pending.getBuffer(start, pending.length());
    }

    /** The stream ended: an event not closed by a blank line still counts. */
    public void finish() {
        if (pending.length() > 0) {
            line(pending.toString(StandardCharsets.UTF_8));
            pending = Buffer.buffer();
        }
        dispatch();
    }

    private void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("event")) {
            name = value;
        } else if (field.equals("data")) {
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
    }

    private void dispatch() {
        if (data != null) {
            sink.accept(new Event(name, data.toString()));
        }
        name = null;
        data = null;
    }
}
