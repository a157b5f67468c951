package io.jansuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.PostgresResource;
import io.jansuite.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /internal/routes/{model}} and {@code /internal/catalog/version} as the inference-service uses them. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RoutesTest {

    @Test
    void seededModelRoutesToTheSimulator() {
        Internal.inference().get("/internal/routes/gpt-4o").then().statusCode(200)
                .body("data.model", equalTo("gpt-4o"))
                .body("data.catalog_id", equalTo("gpt-4o"))
                .body("data.enabled", equalTo(true))
                .body("data.targets", hasSize(1))
                .body("data.targets[0].provider_type", equalTo("simulator"))
                .body("data.targets[0].provider_name", equalTo("simulator"))
                .body("data.targets[0].upstream_model", equalTo("gpt-4o"))
                .body("data.targets[0].api_key", nullValue())
                .body("data.targets[0].settings.ttft_ms", equalTo(150));
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        Internal.inference().get("/internal/routes/no-such-model").then().statusCode(404)
                .body("error.code", equalTo("model_not_found"));
    }

    @Test
    void internalRoutesRefuseUsersAndUnknownServices() {
        given().auth().oauth2(TestTokens.admin(TestTokens.newUserId())).get("/internal/routes/gpt-4o").then().statusCode(403);
        Internal.as("conversation-service").get("/internal/routes/gpt-4o").then().statusCode(403);
        given().header("X-Internal-Caller", "admin-service").header("X-Internal-Signature", "t=1;n=x;s=forged")
                .get("/internal/catalog/version").then().statusCode(403);
        // the admin-service's genuine signature does not open the inference-service's routes
        Internal.admin().get("/internal/routes/gpt-4o").then().statusCode(403);
    }

    @Test
    void onlyTheAdminServiceMayUseTheAdminRoutes() {
        Internal.inference().get("/internal/admin/providers").then().statusCode(403)
                .body("error.code", equalTo("internal_only"));
        Internal.inference().body(Map.of("enabled", false)).patch("/internal/admin/mcp-tools/conversation_search").then().statusCode(403);
        Internal.admin().get("/internal/admin/providers").then().statusCode(200);
    }

    @Test
    void targetsComeInPriorityOrderAndOnlyWhenEnabled() {
        String model = Internal.unique("multi");
        String first = Internal.simulatorWith(model);
        String second = Internal.simulatorWith(model);
        List<String> providers = Internal.inference().get("/internal/routes/" + model).then().statusCode(200)
                .extract().path("data.targets.provider_id");
        assertTrue(providers.equals(List.of(first, second)), "priority order: " + providers);

        Internal.admin().body(Map.of("enabled", false)).patch("/internal/admin/providers/" + first).then().statusCode(200);
        Internal.inference().get("/internal/routes/" + model).then().statusCode(200)
                .body("data.targets.provider_id", equalTo(List.of(second)));
    }

    @Test
    void everyChangeBumpsTheVersion() {
        long before = ((Number) Internal.inference().get("/internal/catalog/version").then().statusCode(200)
                .extract().path("data.version")).longValue();
        Internal.simulatorWith(Internal.unique("ver"));
        long after = ((Number) Internal.inference().get("/internal/catalog/version").then().statusCode(200)
                .extract().path("data.version")).longValue();
        assertTrue(after > before, before + " -> " + after);
    }

    @Test
    void routeCarriesTheContextWindow() {
        Internal.inference().get("/internal/routes/cfg-big").then().statusCode(200)
                .body("data.context_window", equalTo(32768));
    }

    @Test
    void versionPollAnswersAtOnceWhenTheVersionAlreadyDiffers() {
        long now = version();
        long started = System.nanoTime();
        long answered = ((Number) Internal.inference().queryParam("after", now - 1).get("/internal/catalog/version")
                .then().statusCode(200).extract().path("data.version")).longValue();
        assertTrue(answered == now, now + " vs " + answered);
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "no wait");
    }

    @Test
    void versionPollWaitsForTheNextChange() throws Exception {
        long now = version();
        CompletableFuture<Long> poll = CompletableFuture.supplyAsync(() -> ((Number) Internal.inference()
                .queryParam("after", now).queryParam("wait", 20).get("/internal/catalog/version")
                .then().statusCode(200).extract().path("data.version")).longValue());
        Thread.sleep(300);
        assertTrue(!poll.isDone(), "the poll waits while nothing changes");
        long changedAt = System.nanoTime();
        Internal.simulatorWith(Internal.unique("poll"));
        long answered = poll.get(5, TimeUnit.SECONDS);
        assertTrue(answered > now, now + " -> " + answered);
        assertTrue(System.nanoTime() - changedAt < 1_000_000_000L, "answered within a second of the change");
    }

    @Test
    void versionPollEndsWithTheSameVersionAfterItsWait() {
        long now = version();
        Internal.inference().queryParam("after", now).queryParam("wait", 1).get("/internal/catalog/version")
                .then().statusCode(200).body("data.version", equalTo((int) now));
        Internal.inference().queryParam("after", now).queryParam("wait", 0).get("/internal/catalog/version")
                .then().statusCode(400);
    }

    private static long version() {
        return ((Number) Internal.inference().get("/internal/catalog/version").then().statusCode(200)
                .extract().path("data.version")).longValue();
    }
}
