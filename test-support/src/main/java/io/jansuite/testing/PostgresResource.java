package io.jansuite.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for a {@code @QuarkusTest}: a fresh database on the server at 127.0.0.1:5432 when one
 * listens there, in an embedded PostgreSQL otherwise (a JDK-only machine). Under {@code CI=true} a missing
 * server fails the run. The database is dropped when the tests end.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres embedded;
    private String adminUrl;
    private String database;

    @Override
    public Map<String, String> start() {
        String hostPort;
        if (LocalServices.listening(LocalServices.POSTGRES_PORT)) {
            hostPort = "127.0.0.1:" + LocalServices.POSTGRES_PORT;
        } else if (LocalServices.isCi()) {
            throw new IllegalStateException("CI=true but no PostgreSQL listens on 127.0.0.1:5432");
        } else {
            hostPort = "127.0.0.1:" + embedded().getPort();
        }
        adminUrl = "jdbc:postgresql://" + hostPort + "/postgres";
        database = "jansuite_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + database);
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + database,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests: " + e.getMessage(), e);
        }
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start an embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return embedded;
    }
}
