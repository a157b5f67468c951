package io.jansuite.inference.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jansuite.inference.UsageRecord;
import io.jansuite.inference.config.InferenceConfig;
import io.jansuite.inference.repository.UsageRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Usage rows are queued by the request and written in batches every {@code app.completions.usage.flush-every},
 * so a completion never waits for the database. A batch the database refuses (it is down) goes to disk
 * ({@link UsageSpill}, {@code app.completions.usage.spill-dir}) and is written once the database is back, so a
 * database outage loses no usage and a crash loses at most one flush interval. Nothing is dropped silently:
 * rows that could be neither written nor spilled (or found the in-memory queue full) are logged and counted
 * in {@code jansuite_usage_unwritten_total}.
 */
@ApplicationScoped
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);
    private static final int MAX_QUEUED = 100_000;
    private static final Duration REPLAY_RETRY = Duration.ofSeconds(1);

    @Inject
    UsageRepository repository;

    @Inject
    InferenceConfig config;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    private final ConcurrentLinkedQueue<UsageRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicInteger spilledFiles = new AtomicInteger();
    private UsageSpill spill;
    private Counter spilled;
    private volatile long nextReplayNanos;
    private volatile boolean databaseFailing;
    private long timer = -1;

    public void record(UsageRecord row) {
        if (size.incrementAndGet() > MAX_QUEUED) {
            size.decrementAndGet();
            unwritten("queue_full", 1, "the usage queue is full");
            return;
        }
        queue.add(row);
    }

    /** A Vert.x timer rather than the scheduler, which does not tick faster than once a second. */
    void start(@Observes StartupEvent event) {
        spill = new UsageSpill(Path.of(config.usage().spillDir()), json);
        spilled = Counter.builder("jansuite.usage.spilled").baseUnit("rows")
                .description("Usage rows written to the local spill directory because the database refused them")
                .register(metrics);
        Gauge.builder("jansuite.usage.spill.files", spilledFiles, AtomicInteger::get)
                .description("Spilled usage batches waiting for the database").register(metrics);
        spilledFiles.set(spill.files().size());
        if (spilledFiles.get() > 0) {
            LOG.infof("%d spilled usage batches in %s will be written", spilledFiles.get(), config.usage().spillDir());
        }
        timer = vertx.setPeriodic(config.usage().flushEvery().toMillis(), id -> {
            if (flushing.compareAndSet(false, true)) {
                flush().chain(this::replay).subscribe().with(v -> flushing.set(false), e -> flushing.set(false));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            flush().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("usage rows not written at shutdown: %s", e.getMessage());
        }
    }

    /** Writes the queue in batches; a batch the database refuses is spilled. Never fails. */
    Uni<Void> flush() {
        List<UsageRecord> batch = new ArrayList<>();
        UsageRecord row;
        while (batch.size() < config.usage().batchSize() && (row = queue.poll()) != null) {
            batch.add(row);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        size.addAndGet(-batch.size());
        return repository.insert(batch)
                .invoke(() -> databaseBack())
                .onFailure().recoverWithUni(e -> {
                    databaseFailed(e);
                    return spill(batch);
                })
                .chain(() -> queue.isEmpty() ? Uni.createFrom().voidItem() : flush());
    }

    private Uni<Void> spill(List<UsageRecord> batch) {
        return blocking(() -> {
            spill.write(batch);
            spilledFiles.incrementAndGet();
            spilled.increment(batch.size());
            return null;
        }).onFailure().invoke(e -> unwritten("spill_failed", batch.size(), "could not spill: " + e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Writes spilled batches back, oldest first, while the database takes them. Never fails. */
    Uni<Void> replay() {
        if (spilledFiles.get() == 0 || System.nanoTime() < nextReplayNanos) {
            return Uni.createFrom().voidItem();
        }
        return blocking(spill::files).chain(files -> {
            spilledFiles.set(files.size());
            if (files.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Path file = files.get(0);
            return blocking(() -> spill.read(file))
                    .chain(rows -> rows.isEmpty() ? Uni.createFrom().voidItem() : repository.insert(rows))
                    .chain(() -> blocking(() -> {
                        spill.delete(file);
                        return null;
                    }))
                    .invoke(() -> {
                        databaseBack();
                        spilledFiles.decrementAndGet();
                    })
                    .chain(this::replay);
        }).onFailure().recoverWithUni(e -> {
            nextReplayNanos = System.nanoTime() + REPLAY_RETRY.toNanos();
            databaseFailed(e);
            return Uni.createFrom().voidItem();
        });
    }

    private void databaseFailed(Throwable e) {
        if (!databaseFailing) {
            databaseFailing = true;
            LOG.warnf("usage rows cannot be written (%s): spilling them to %s until the database is back",
                    e.getMessage(), config.usage().spillDir());
        }
    }

    private void databaseBack() {
        if (databaseFailing) {
            databaseFailing = false;
            LOG.info("usage rows are written again; spilled ones follow");
        }
    }

    private void unwritten(String reason, int rows, String why) {
        LOG.errorf("%d usage rows lost: %s", rows, why);
        metrics.counter("jansuite.usage.unwritten", "reason", reason).increment(rows);
    }

    private interface Blocking<T> {
        T run() throws Exception;
    }

    private static <T> Uni<T> blocking(Blocking<T> work) {
        return Uni.createFrom().item(() -> {
            try {
                return work.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
