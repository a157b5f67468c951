package io.jansuite.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jansuite.inference.provider.SseParser;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<SseParser.Event> parse(byte[]... pieces) {
        List<SseParser.Event> out = new ArrayList<>();
        SseParser parser = new SseParser(out::add);
        for (byte[] p : pieces) {
            parser.feed(Buffer.buffer(p));
        }
        parser.finish();
        return out;
    }

    @Test
    void eventsSplitAnywhereAcrossReadsComeOutWhole() {
        byte[] all = "event: a\ndata: {\"x\":\"é\"}\n\n: comment\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < all.length; cut++) {
            byte[] first = java.util.Arrays.copyOfRange(all, 0, cut);
            byte[] second = java.util.Arrays.copyOfRange(all, cut, all.length);
            List<SseParser.Event> events = parse(first, second);
            assertEquals(List.of(new SseParser.Event("a", "{\"x\":\"é\"}"), new SseParser.Event(null, "[DONE]")), events,
                    "cut at " + cut);
        }
    }

    @Test
    void crlfLinesMultiLineDataAndAnUnterminatedLastEvent() {
        List<SseParser.Event> events = parse("data: one\r\ndata: two\r\n\r\ndata:three".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new SseParser.Event(null, "one\ntwo"), new SseParser.Event(null, "three")), events);
    }
}
