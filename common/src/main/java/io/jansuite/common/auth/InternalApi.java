package io.jansuite.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST client of another service's {@code /internal/} routes with that service's name, so that its
 * calls are signed with the key this service shares with it (and with no other).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InternalApi {

    /** The called service's {@code quarkus.application.name}, e.g. {@code catalog-service}. */
    String value();
}
