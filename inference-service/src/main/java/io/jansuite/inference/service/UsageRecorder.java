package io.jansuite.inference.service;

import io.jansuite.inference.UsageRecord;
import io.jansuite.inference.config.InferenceConfig;
import io.jansuite.inference.repository.UsageRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Usage rows are queued by the request and written in batches every {@code app.completions.usage.flush-every},
 * so a completion never waits for the database. A failed batch is logged and dropped, never retried into
 * an ever-growing queue; the queue itself is bounded.
 */
@ApplicationScoped
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);
    private static final int MAX_QUEUED = 100_000;

    @Inject
    UsageRepository repository;

    @Inject
    InferenceConfig config;

    @Inject
    Vertx vertx;

    private final ConcurrentLinkedQueue<UsageRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    public void record(UsageRecord row) {
        if (size.incrementAndGet() > MAX_QUEUED) {
            size.decrementAndGet();
            LOG.warn("usage queue full: a usage row was dropped");
            return;
        }
        queue.add(row);
    }

    private final AtomicBoolean flushing = new AtomicBoolean();
    private long timer = -1;

    /** A Vert.x timer rather than the scheduler, which does not tick faster than once a second. */
    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.usage().flushEvery().toMillis(), id -> {
            if (flushing.compareAndSet(false, true)) {
                flush().subscribe().with(v -> flushing.set(false), e -> flushing.set(false));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            flush().await().atMost(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("usage rows not written at shutdown: %s", e.getMessage());
        }
    }

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
                .onFailure().invoke(e -> LOG.errorf("could not write %d usage rows: %s", batch.size(), e.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> queue.isEmpty() ? Uni.createFrom().voidItem() : flush());
    }
}
