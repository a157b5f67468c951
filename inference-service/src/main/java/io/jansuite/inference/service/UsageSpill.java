package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.jansuite.inference.UsageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Usage rows the database did not take, on local disk until it does: one file of JSON lines per failed batch,
 * written under a temporary name and renamed, so a file is never half there. Files are replayed oldest first
 * and deleted once written; the insert ignores ids already present, so a replay interrupted by a crash, or
 * two replicas sharing the directory, never count a row twice. Blocking: call off the event loop.
 */
final class UsageSpill {

    private static final String SUFFIX = ".jsonl";

    /** A usage row on disk (the entity itself is not serialised: it carries Panache's state). */
    record Row(String id, Instant createdAt, String userId, String apiKeyId, String model, String providerId,
            String providerModelId, String upstreamModel, int promptTokens, int completionTokens, long latencyMs,
            int status, boolean stream, String errorCode, String requestId) {

        static Row of(UsageRecord r) {
            return new Row(r.id, r.createdAt, r.userId, r.apiKeyId, r.model, r.providerId, r.providerModelId,
                    r.upstreamModel, r.promptTokens, r.completionTokens, r.latencyMs, r.status, r.stream, r.errorCode,
                    r.requestId);
        }

        UsageRecord record() {
            UsageRecord r = new UsageRecord();
            r.id = id;
            r.createdAt = createdAt;
            r.userId = userId;
            r.apiKeyId = apiKeyId;
            r.model = model;
            r.providerId = providerId;
            r.providerModelId = providerModelId;
            r.upstreamModel = upstreamModel;
            r.promptTokens = promptTokens;
            r.completionTokens = completionTokens;
            r.latencyMs = latencyMs;
            r.status = status;
            r.stream = stream;
            r.errorCode = errorCode;
            r.requestId = requestId;
            return r;
        }
    }

    private final Path dir;
    private final ObjectMapper json;
    private final ObjectReader reader;

    UsageSpill(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
        this.reader = json.readerFor(Row.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    void write(List<UsageRecord> rows) throws IOException {
        Files.createDirectories(dir);
        StringBuilder lines = new StringBuilder();
        for (UsageRecord row : rows) {
            lines.append(json.writeValueAsString(Row.of(row))).append('\n');
        }
        String name = System.currentTimeMillis() + "-" + UUID.randomUUID();
        Path partial = dir.resolve(name + ".partial");
        Files.writeString(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, dir.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The spilled files, oldest first. */
    List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a file; empty when another replica replayed and deleted it meanwhile. */
    List<UsageRecord> read(Path file) throws IOException {
        List<UsageRecord> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    rows.add(reader.<Row>readValue(line).record());
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return rows;
    }

    void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
