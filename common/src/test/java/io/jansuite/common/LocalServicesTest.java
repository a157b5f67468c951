package io.jansuite.common;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jansuite.testing.LocalServices;
import org.junit.jupiter.api.Test;

/** Under CI=true the real PostgreSQL and Redis must be there: CI exercises them, it never skips them. */
class LocalServicesTest {

    @Test
    void ciHasPostgresAndRedis() {
        assumeTrue(LocalServices.isCi(), "not under CI: tests fall back to an embedded PostgreSQL and skip Redis");
        assertTrue(LocalServices.listening(LocalServices.POSTGRES_PORT), "CI=true but no PostgreSQL on 127.0.0.1:5432");
        assertTrue(LocalServices.listening(LocalServices.REDIS_PORT), "CI=true but no Redis on 127.0.0.1:6379");
    }
}
