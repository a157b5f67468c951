package io.jansuite.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jansuite.common.auth.ApiKeyFormat;
import io.jansuite.common.error.ApiException;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key check when the database is out of reach: a 503 for the caller to retry, never a 401. */
class LocalApiKeyVerifierTest {

    private Vertx vertx;
    private LocalApiKeyVerifier verifier;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        verifier = new LocalApiKeyVerifier();
        verifier.usage = new KeyUsageRecorder();
        verifier.pool = Pool.newInstance(PgBuilder.pool()
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(1).setDatabase("none")
                        .setUser("nobody").setConnectTimeout(500))
                .using(vertx.getDelegate()).build());
    }

    @AfterEach
    void tearDown() {
        verifier.pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Test
    void databaseDownIs503NotA401() {
        ApiException e = assertThrows(ApiException.class,
                () -> verifier.verify(ApiKeyFormat.generate()).await().atMost(Duration.ofSeconds(10)));
        assertEquals(503, e.status());
        assertEquals("service_unavailable", e.code());
    }

    @Test
    void malformedKeyNeverReachesTheDatabase() {
        assertNull(verifier.verify("sk_prod_abc123xyz...").await().atMost(Duration.ofSeconds(1)));
    }
}
