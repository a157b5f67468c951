package io.jansuite.admin.service;

import io.jansuite.admin.client.InferenceAdminApi;
import io.jansuite.catalog.adminapi.AuditEvent;
import io.jansuite.catalog.adminapi.AuditFeedApi;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Copies the catalog-service's and the inference-service's audit entries into the audit log, by outbox id: after every admin change (so the
 * admin who made it sees its entry at once) and on a schedule (so an entry that could not be copied then, the
 * admin database being down, say, is copied when it can be). Copying twice adds nothing.
 */
@ApplicationScoped
public class AuditFeed {

    private static final Logger LOG = Logger.getLogger(AuditFeed.class);
    private static final String PAGE = "100";

    @Inject
    @RestClient
    AuditFeedApi catalog;

    @Inject
    @RestClient
    InferenceAdminApi inference;

    @Inject
    AuditLog log;

    /** The change's answer, once its entry is copied if that can be done now; a failed copy is left to the schedule. */
    public <T> Uni<T> afterChange(Uni<T> change) {
        return change.call(() -> catchUp().onFailure().recoverWithItem(f -> {
            LOG.warnf("audit entries not copied yet (the schedule retries): %s", f.toString());
            return 0;
        }));
    }

    @Scheduled(every = "${app.audit.feed-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        return catchUp().onFailure().invoke(f -> LOG.debugf("audit feed: %s", f.toString())).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Copies every entry the log does not hold yet from both feeds, each on its own (one being down does not hold
     * back the other); the number copied. Fails when either feed could not be read.
     */
    public Uni<Integer> catchUp() {
        Uni<Integer> fromCatalog = failedAsMinusOne(catchUp(AuditLog.Source.CATALOG, after -> catalog.after(after, PAGE)));
        Uni<Integer> fromInference = failedAsMinusOne(catchUp(AuditLog.Source.INFERENCE,
                after -> inference.auditAfter(after, PAGE)));
        return Uni.combine().all().unis(fromCatalog, fromInference).with((a, b) -> {
            if (a < 0 || b < 0) {
                throw new IllegalStateException("an audit feed could not be read" + (a < 0 ? " (catalog)" : "")
                        + (b < 0 ? " (inference)" : ""));
            }
            return a + b;
        });
    }

    private Uni<Integer> catchUp(AuditLog.Source source, Function<String, Uni<AuditEvent.Page>> feed) {
        return log.lastEventId(source).flatMap(last -> feed.apply(String.valueOf(last)))
                .flatMap(page -> log.copy(source, page.data()).flatMap(copied -> page.hasMore()
                        ? catchUp(source, feed).map(more -> copied + more) : Uni.createFrom().item(copied)));
    }

    private static Uni<Integer> failedAsMinusOne(Uni<Integer> copy) {
        return copy.onFailure().recoverWithItem(e -> {
            LOG.debugf("audit feed: %s", e.toString());
            return -1;
        });
    }
}
