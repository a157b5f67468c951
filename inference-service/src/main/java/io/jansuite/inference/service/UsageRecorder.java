package io.jansuite.inference.service;

import io.jansuite.inference.UsageRecord;
import io.jansuite.inference.config.InferenceConfig;
import io.jansuite.inference.repository.UsageRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Usage rows are queued by the request and written in batches every {@code app.inference.usage.flush-every},
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

    @Scheduled(every = "${app.inference.usage.flush-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
                .onFailure().recoverWithNull();
    }
}
