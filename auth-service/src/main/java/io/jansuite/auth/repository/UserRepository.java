package io.jansuite.auth.repository;

import io.jansuite.auth.User;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, String> {

    /** The account with this (already normalised) e-mail, or null. */
    public Uni<User> findByEmail(String email) {
        return find("email", email).firstResult();
    }
}
