package io.jansuite.inference.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jansuite.inference.UsageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spilled usage comes back field for field, oldest batch first, and is gone once deleted. */
class UsageSpillTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void aSpilledBatchIsReadBackWhole() throws Exception {
        UsageSpill spill = new UsageSpill(dir.resolve("spill"), json);
        assertEquals(List.of(), spill.files(), "no directory yet: nothing pending");
        spill.write(List.of(row("use_1", 200), row("use_2", 502)));
        Thread.sleep(2);
        spill.write(List.of(row("use_3", 200)));
        List<Path> files = spill.files();
        assertEquals(2, files.size());
        List<UsageRecord> first = spill.read(files.get(0));
        assertEquals(List.of("use_1", "use_2"), first.stream().map(r -> r.id).toList());
        UsageRecord back = first.get(1);
        assertEquals(502, back.status);
        assertEquals("usr_1", back.userId);
        assertEquals(12, back.promptTokens);
        assertEquals("upstream_error", back.errorCode);
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), back.createdAt);
        assertEquals(true, back.stream);
        spill.delete(files.get(0));
        assertEquals(List.of(files.get(1)), spill.files());
        assertEquals(List.of(), spill.read(files.get(0)), "a file another replica already replayed reads as empty");
        try (var list = Files.list(dir.resolve("spill"))) {
            assertEquals(1, list.count(), "no partial files left behind");
        }
    }

    private static UsageRecord row(String id, int status) {
        UsageRecord r = new UsageRecord();
        r.id = id;
        r.createdAt = Instant.parse("2026-12-01T10:00:00Z").truncatedTo(ChronoUnit.MILLIS);
        r.userId = "usr_1";
        r.model = "m";
        r.promptTokens = 12;
        r.completionTokens = 3;
        r.status = status;
        r.stream = true;
        r.errorCode = status == 200 ? null : "upstream_error";
        r.requestId = "req_1";
        return r;
    }
}
