package io.jansuite.inference.provider;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a server-sent-event byte stream into events as bytes arrive: lines end with LF or CRLF, an event ends
 * at a blank line, {@code data:} lines join with LF, comments are dropped. Lines are decoded whole, so a
 * multi-byte character split across network reads stays intact. A line or an event over
 * {@link #MAX_EVENT_BYTES} fails the stream (an upstream cannot make it buffer without bound).
 */
public final class SseParser {

    /** One event: its {@code event:} name (null when none) and its data. */
    public record Event(String name, String data) {
    }

    /** The largest event (and line) accepted; real ones are a few hundred bytes. */
    public static final int MAX_EVENT_BYTES = 1024 * 1024;

    private final Consumer<Event> sink;
    private Buffer pending = Buffer.buffer();
    private int scanned;
    private String name;
    private StringBuilder data;

    public SseParser(Consumer<Event> sink) {
        this.sink = sink;
    }

    public void feed(Buffer chunk) {
        pending.appendBuffer(chunk);
        int start = 0;
        // the bytes held from earlier chunks hold no line end: scan only what is new
        for (int i = scanned; i < pending.length(); i++) {
            if (pending.getByte(i) == '\n') {
                int end = i > start && pending.getByte(i - 1) == '\r' ? i - 1 : i;
                line(pending.getString(start, end, StandardCharsets.UTF_8.name()));
                start = i + 1;
            }
        }
        pending = start == 0 ? pending : pending.getBuffer(start, pending.length());
        scanned = pending.length();
        if (pending.length() > MAX_EVENT_BYTES) {
            throw UpstreamException.protocol("upstream sent a line longer than " + MAX_EVENT_BYTES + " bytes");
        }
    }

    /** The stream ended: an event not closed by a blank line still counts. */
    public void finish() {
        if (pending.length() > 0) {
            line(pending.toString(StandardCharsets.UTF_8));
            pending = Buffer.buffer();
            scanned = 0;
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
            if (data.length() > MAX_EVENT_BYTES) {
                throw UpstreamException.protocol("upstream sent an event longer than " + MAX_EVENT_BYTES + " bytes");
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
