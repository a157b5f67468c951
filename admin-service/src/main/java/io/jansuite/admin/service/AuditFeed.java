package io.jansuite.admin.service;

import io.jansuite.catalog.adminapi.AuditFeedApi;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Copies the catalog-service's audit entries into the audit log, by outbox id: after every admin change (so the
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

    /** Copies every entry the log does not hold yet; the number copied. */
    public Uni<Integer> catchUp() {
        return log.lastCatalogEventId().flatMap(last -> catalog.after(String.valueOf(last), PAGE))
                .flatMap(page -> log.copy(page.data()).flatMap(copied -> page.hasMore()
                        ? catchUp().map(more -> copied + more) : Uni.createFrom().item(copied)));
    }
}
