package io.jansuite.common.auth;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Follows the auth-service's revocation feed ({@code app.auth.revocation-poll}, 500 ms by default), so a
 * revoked session or key is refused by this service within a second without a call per request.
 */
@ApplicationScoped
public class RevocationPoller {

    private static final Logger LOG = Logger.getLogger(RevocationPoller.class);

    @Inject
    @RestClient
    AuthInternalApi auth;

    @Inject
    RevocationList revocations;

    private final AtomicLong lastSeq = new AtomicLong(0);
    private volatile boolean failing;

    @Scheduled(every = "${app.auth.revocation-poll:0.5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return auth.revocations(lastSeq.get()).invoke(feed -> {
            for (AuthInternalApi.Revocation r : feed.data()) {
                if ("session".equals(r.kind())) {
                    revocations.revokeSession(r.id());
                } else if ("api_key".equals(r.kind())) {
                    revocations.revokeKey(r.id());
                }
            }
            lastSeq.accumulateAndGet(feed.lastSeq(), Math::max);
            revocations.prune();
            if (failing) {
                LOG.info("revocation feed reachable again");
                failing = false;
            }
        }).onFailure().invoke(e -> {
            if (!failing) {
                LOG.warnf("revocation feed unreachable: %s", e.getMessage());
                failing = true;
            }
        }).onFailure().recoverWithNull().replaceWithVoid();
    }
}
