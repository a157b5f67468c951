package io.jansuite.auth.repository;

import io.jansuite.auth.LoginFailure;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class LoginFailureRepository implements PanacheRepositoryBase<LoginFailure, Long> {

    /** The newest {@code limit} failures of a subject since {@code since}, newest first. */
    public Uni<List<Instant>> newest(String subject, Instant since, int limit) {
        return find("subject = ?1 and failedAt > ?2", Sort.descending("failedAt"), subject, since)
                .range(0, limit - 1).list()
                .map(list -> list.stream().map(f -> f.failedAt).toList());
    }

    public Uni<Void> record(String subject, Instant at) {
        LoginFailure f = new LoginFailure();
        f.subject = subject;
        f.failedAt = at;
        return persist(f).replaceWithVoid();
    }

    public Uni<Long> clear(String subject) {
        return delete("subject", subject);
    }

    public Uni<Long> pruneBefore(Instant cutoff) {
        return delete("failedAt < ?1", cutoff);
    }
}
