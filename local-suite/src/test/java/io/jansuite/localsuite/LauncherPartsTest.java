package io.jansuite.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.routes.InternalCalls;
import io.jansuite.routes.RouteTable;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's parts that need no services: secrets, database choice, port checks, the route table. */
class LauncherPartsTest {

    @TempDir
    Path dir;

    @Test
    void secretsAreGeneratedOnceOwnerOnlyAndKeptBetweenRuns() throws Exception {
        LocalSecrets first = LocalSecrets.ensure(dir);
        LocalSecrets second = LocalSecrets.ensure(dir);
        assertEquals(first.values(), second.values());
        assertEquals(32, Base64.getDecoder().decode(first.values().get("INTERNAL_SECRET")).length);
        assertEquals(32, Base64.getDecoder().decode(first.values().get("PROVIDER_KEY_SECRET")).length);
        assertNotEquals(first.values().get("INTERNAL_SECRET"), first.values().get("PROVIDER_KEY_SECRET"));
        for (Path file : List.of(first.privateKey(), first.publicKey(), dir.resolve("secrets.env"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
        String privatePem = Files.readString(first.privateKey());
        assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
        rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(first.publicKey()))));
    }

    @Test
    void databaseUrlBecomesTheServicesVariables() {
        Map<String, String> env = Database.fromDatabaseUrl("postgres://app:p%40ss@db.example:6543/suite?sslmode=require");
        assertEquals("postgresql://db.example:6543/suite?sslmode=require", env.get("DB_REACTIVE_URL"));
        assertEquals("jdbc:postgresql://db.example:6543/suite?sslmode=require", env.get("DB_JDBC_URL"));
        assertEquals("app", env.get("DB_USER"));
        assertEquals("p@ss", env.get("DB_PASSWORD"));
    }

    @Test
    void embeddedDatabaseOnlyWhenTheEnvironmentNamesNone() {
        assertFalse(Database.configuredExternally(Map.of()));
        assertFalse(Database.configuredExternally(Map.of("DATABASE_URL", " ")));
        assertTrue(Database.configuredExternally(Map.of("DATABASE_URL", "postgres://h/db")));
        assertTrue(Database.configuredExternally(Map.of("DB_REACTIVE_URL", "postgresql://h/db")));
        assertTrue(Database.configuredExternally(Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://h/db")));
    }

    @Test
    void takenPortIsReportedWithWhatNeedsIt() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            List<String> taken = LocalSuite.takenPorts(Map.of(busy.getLocalPort(), "auth-service"));
            assertEquals(1, taken.size());
            assertTrue(taken.get(0).contains(String.valueOf(busy.getLocalPort())) && taken.get(0).contains("auth-service"));
        }
    }

    @Test
    void suiteRefusesToStartWhenItsPortIsTakenAndSaysWhatToDo() throws Exception {
        Path root = Path.of(System.getProperty("jansuite.root", "..")).toAbsolutePath().normalize();
        try (ServerSocket busy = new ServerSocket(0)) {
            Map<String, String> env = Map.of("JANSUITE_PORT", String.valueOf(busy.getLocalPort()),
                    "DATABASE_URL", "postgres://u:p@127.0.0.1:1/none");
            LocalSuite.StartException refused = org.junit.jupiter.api.Assertions.assertThrows(LocalSuite.StartException.class,
                    () -> LocalSuite.start(root, env, Suite.Watcher.QUIET));
            assertTrue(refused.getMessage().contains("Port " + busy.getLocalPort() + " is already in use; it is needed for the ingress"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("Stop what listens there"));
        }
        assertFalse(Files.exists(root.resolve(".local/run/none")), "nothing was started");
    }

    @Test
    void eachServiceGetsOnlyTheKeysOfItsOwnPairsAndThePairsAgree() throws Exception {
        LocalSecrets secrets = LocalSecrets.ensure(dir);
        InternalCalls calls = InternalCalls.load(Path.of("..").toAbsolutePath().normalize().resolve("deploy/calls.tsv"));
        List<String> services = List.of("auth-service", "conversation-service", "inference-service", "catalog-service",
                "admin-service");
        Map<String, Map<String, String>> own = LocalSuite.serviceSecrets(Map.of(), secrets, calls, services);
        Map<String, Map<String, String>> keys = new java.util.HashMap<>();
        own.forEach((service, env) -> keys.put(service, java.util.Arrays.stream(env.get("APP_INTERNAL_KEYS").split(","))
                .collect(java.util.stream.Collectors.toMap(e -> e.split(":")[0], e -> e.split(":")[1]))));
        assertEquals(Set.of("auth-service", "catalog-service", "conversation-service", "admin-service"),
                keys.get("inference-service").keySet());
        assertEquals(Set.of("auth-service", "inference-service"), keys.get("conversation-service").keySet(),
                "the conversation-service shares nothing with the catalog or the admin-service");
        assertEquals(keys.get("inference-service").get("catalog-service"), keys.get("catalog-service").get("inference-service"));
        assertEquals(keys.get("admin-service").get("catalog-service"), keys.get("catalog-service").get("admin-service"));
        assertNotEquals(keys.get("catalog-service").get("inference-service"), keys.get("catalog-service").get("admin-service"));
        assertTrue(keys.get("auth-service").get("catalog-service").length() >= 43, "256-bit keys");
        assertEquals(secrets.values().get("PROVIDER_KEY_SECRET"), own.get("catalog-service").get("PROVIDER_KEY_SECRET"));
        assertFalse(own.get("inference-service").containsKey("PROVIDER_KEY_SECRET"));
        // a user's own INTERNAL_SECRET is the master instead
        assertNotEquals(own.get("auth-service").get("APP_INTERNAL_KEYS"), LocalSuite.serviceSecrets(
                Map.of("INTERNAL_SECRET", "mine"), secrets, calls, services).get("auth-service").get("APP_INTERNAL_KEYS"));
    }

    @Test
    void serviceEnvironmentKeepsWhatTheUserSet() throws Exception {
        LocalSecrets secrets = LocalSecrets.ensure(dir);
        Database db = Database.external(Map.of("DATABASE_URL", "postgres://u:p@h:5432/jansuite"));
        Map<String, String> env = LocalSuite.serviceEnv(Map.of("INTERNAL_SECRET", "mine"), db, secrets, 8000);
        assertFalse(env.containsKey("INTERNAL_SECRET"), "no service holds the master of the internal keys");
        assertFalse(env.containsKey("PROVIDER_KEY_SECRET"), "only the catalog-service gets the provider-key secret");
        assertEquals(secrets.privateKey().toString(), env.get("APP_JWT_PRIVATE_KEY_LOCATION"));
        assertEquals("true", env.get("APP_BOOTSTRAP_SIMULATOR"));
        assertEquals("http://localhost:8000", env.get("PUBLIC_BASE_URL"));
        assertEquals("postgresql://h:5432/jansuite", env.get("DB_REACTIVE_URL"));
        assertEquals("", env.get("OTEL_EXPORTER_OTLP_ENDPOINT"), "tracing off in every service unless asked for");
        assertEquals("http://collector:4318", LocalSuite.serviceEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                " http://collector:4318 "), db, secrets, 8000).get("OTEL_EXPORTER_OTLP_ENDPOINT"), "the one setting, passed on");
    }

    @Test
    void theRepositoryRouteTableHasNoInternalRouteAndOneStreamingRoute() {
        Path root = Path.of(System.getProperty("jansuite.root", "..")).toAbsolutePath().normalize();
        RouteTable table = RouteTable.load(root.resolve("deploy/routes.tsv"));
        assertEquals(5, table.services().size());
        assertEquals("inference-service", table.match("/v1/chat/completions").service());
        assertTrue(table.match("/v1/chat/completions").streaming());
        assertEquals(null, table.match("/internal/api-keys/verify"));
    }

    @Test
    void aSecondSuiteMovesEveryPortAndTellsTheServicesWhereTheOthersAre() {
        RouteTable moved = RouteTable.parse(List.of("/v1/users\tauth-service\t8081", "/v1/models\tcatalog-service\t8084"))
                .withPortOffset(20000);
        assertEquals(Map.of("auth-service", 28081, "catalog-service", 28084), moved.services());
        assertEquals("APP_AUTH_URL", LocalSuite.urlVariable("auth-service"));
        assertEquals("APP_CONVERSATION_URL", LocalSuite.urlVariable("conversation-service"));
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
