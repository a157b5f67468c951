package io.jansuite.localsuite;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The suite's PostgreSQL: the one the environment names (DATABASE_URL, DB_REACTIVE_URL / DB_JDBC_URL, or the
 * Quarkus datasource variables), else an embedded PostgreSQL whose data stays under {@code .local/pgdata}.
 */
public final class Database implements AutoCloseable {

    public static final String DATABASE_NAME = "jansuite";

    private final EmbeddedPostgres embedded;
    private final Map<String, String> env;
    private final String description;

    private Database(EmbeddedPostgres embedded, Map<String, String> env, String description) {
        this.embedded = embedded;
        this.env = env;
        this.description = description;
    }

    /** True when the environment points the services at a database of its own. */
    public static boolean configuredExternally(Map<String, String> environment) {
        return isSet(environment, "DATABASE_URL") || isSet(environment, "DB_REACTIVE_URL") || isSet(environment, "DB_JDBC_URL")
                || isSet(environment, "QUARKUS_DATASOURCE_REACTIVE_URL") || isSet(environment, "QUARKUS_DATASOURCE_JDBC_URL");
    }

    /** The database the environment names; its variables are passed to the services as they are. */
    public static Database external(Map<String, String> environment) {
        if (isSet(environment, "DATABASE_URL")) {
            Map<String, String> env = fromDatabaseUrl(environment.get("DATABASE_URL"));
            return new Database(null, env, env.get("DB_REACTIVE_URL") + " (from DATABASE_URL)");
        }
        String url = firstSet(environment, "DB_REACTIVE_URL", "QUARKUS_DATASOURCE_REACTIVE_URL", "DB_JDBC_URL",
                "QUARKUS_DATASOURCE_JDBC_URL");
        return new Database(null, Map.of(), url + " (from the environment)");
    }

    /** Starts (initialising on first use) the embedded PostgreSQL on this port and creates the database. */
    public static Database embedded(Path dataDir, int port, Path logFile) throws IOException, SQLException {
        Files.createDirectories(dataDir.getParent());
        Files.createDirectories(logFile.getParent());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "300")
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE_NAME + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE_NAME);
                }
            }
        } catch (SQLException e) {
            pg.close();
            throw e;
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_REACTIVE_URL", "postgresql://127.0.0.1:" + port + "/" + DATABASE_NAME);
        env.put("DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE_NAME);
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "");
        return new Database(pg, env, "embedded PostgreSQL on 127.0.0.1:" + port + ", data in " + dataDir);
    }

    /** postgres://user:pass@host:port/db?params to the DB_* variables of the services. */
    static Map<String, String> fromDatabaseUrl(String databaseUrl) {
        URI uri = URI.create(databaseUrl.strip());
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must look like postgres://user:pass@host:port/db");
        }
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? DATABASE_NAME : uri.getPath().substring(1);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_REACTIVE_URL", "postgresql://" + host + ":" + port + "/" + db + query);
        env.put("DB_JDBC_URL", "jdbc:postgresql://" + host + ":" + port + "/" + db + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            env.put("DB_USER", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            env.put("DB_PASSWORD", colon < 0 ? "" : decode(userInfo.substring(colon + 1)));
        }
        return env;
    }

    /** Variables to give the services. */
    public Map<String, String> env() {
        return env;
    }

    public String description() {
        return description;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            if (isSet(env, name)) {
                return env.get(name);
            }
        }
        return null;
    }
}
