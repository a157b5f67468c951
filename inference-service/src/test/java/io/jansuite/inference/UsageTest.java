package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.simulator;
import static io.jansuite.inference.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.InternalCalls;
import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Every completion leaves a usage row (written in the background); totals per model for the admin-service. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
class UsageTest {

    private static long total(String model) throws Exception {
        Object value = InternalCalls.as("admin-service")
                .get("/internal/usage/totals").then().statusCode(200).extract().path("data.'" + model + "'");
        return value == null ? 0 : ((Number) value).longValue();
    }

    @Test
    void totalsCountEveryCompletionPerModel() throws Exception {
        String token = TestTokens.user(TestTokens.newUserId());
        String model = route(unique("usage"), simulator());
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).contentType("application/json").body(chat(model, "hi").put("stream", i == 2).encode())
                    .post("/v1/chat/completions").then().statusCode(200);
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (total(model) < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(3, total(model));
    }

    @Test
    void aUsageRowNamesTheCallerTheProviderAndTheTokens() throws Exception {
        String user = TestTokens.newUserId();
        String model = route(unique("usage"), simulator().put("provider_id", "prov_usage_test"));
        given().auth().oauth2(TestTokens.user(user)).contentType("application/json").body(chat(model, "one two").encode())
                .post("/v1/chat/completions").then().statusCode(200);
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        long deadline = System.currentTimeMillis() + 5_000;
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            while (System.currentTimeMillis() < deadline) {
                try (PreparedStatement s = c.prepareStatement("SELECT user_id, provider_id, prompt_tokens,"
                        + " completion_tokens, status, stream, latency_ms FROM inference.usage WHERE model = ?")) {
                    s.setString(1, model);
                    ResultSet rs = s.executeQuery();
                    if (rs.next()) {
                        assertEquals(user, rs.getString(1));
                        assertEquals("prov_usage_test", rs.getString(2));
                        assertTrue(rs.getInt(3) > 0);
                        assertEquals(5, rs.getInt(4));
                        assertEquals(200, rs.getInt(5));
                        assertEquals(false, rs.getBoolean(6));
                        assertTrue(rs.getLong(7) >= 0);
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no usage row for " + model);
    }

    @Test
    void totalsAreForOtherServicesOnly() throws Exception {
        given().get("/internal/usage/totals").then().statusCode(403).body("error.code", equalTo("internal_only"));
        InternalCalls.as("catalog-service").get("/internal/usage/totals")
                .then().statusCode(403);
    }
}
