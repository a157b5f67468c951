package io.jansuite.inference;

import static io.jansuite.inference.Fixtures.chat;
import static io.jansuite.inference.Fixtures.route;
import static io.jansuite.inference.Fixtures.simulator;
import static io.jansuite.inference.Fixtures.target;
import static io.jansuite.inference.Fixtures.unique;
import static io.jansuite.inference.Fixtures.userToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jansuite.testing.FakeAuthService;
import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.InternalCalls;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/embeddings}: OpenAI's request and answer, on the simulator and an OpenAI-compatible upstream. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
@QuarkusTestResource(FakeAuthService.class)
class EmbeddingsTest {

    private final String token = userToken();

    static JsonObject embeddings(JsonObject target) {
        return target.put("capabilities", new JsonArray().add("embeddings"));
    }

    private JsonPath embed(JsonObject request, int status) {
        return given().auth().oauth2(token).contentType("application/json").body(request.encode())
                .post("/v1/embeddings").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void theSimulatorAnswersOneUnitVectorPerInputUnderTheRequestedModel() {
        String model = route(unique("emb"), embeddings(simulator()));
        JsonPath answer = embed(new JsonObject().put("model", model)
                .put("input", new JsonArray().add("hello world").add("another text").add("hello world")), 200);
        assertEquals("list", answer.getString("object"));
        assertEquals(model, answer.getString("model"));
        assertEquals(3, answer.getList("data").size());
        assertEquals("embedding", answer.getString("data[0].object"));
        assertEquals(List.of(0, 1, 2), answer.getList("data.index"));
        List<Float> first = answer.getList("data[0].embedding", Float.class);
        assertEquals(1536, first.size());
        double norm = first.stream().mapToDouble(f -> f * f).sum();
        assertEquals(1.0, norm, 1e-3);
        assertEquals(first, answer.getList("data[2].embedding", Float.class));
        assertNotEquals(first, answer.getList("data[1].embedding", Float.class));
        assertEquals(6, answer.getInt("usage.prompt_tokens"));
        assertEquals(6, answer.getInt("usage.total_tokens"));
    }

    @Test
    void everyCallIsRecordedAsUsageOfTheRequestedModel() throws Exception {
        String model = route(unique("emb"), embeddings(simulator()));
        for (int i = 0; i < 2; i++) {
            embed(new JsonObject().put("model", model).put("input", "count me"), 200);
        }
        long deadline = System.currentTimeMillis() + 5_000;
        Object total = null;
        while (System.currentTimeMillis() < deadline) {
            total = InternalCalls.as("admin-service").get("/internal/usage/totals").then().statusCode(200).extract().path("data.'" + model + "'");
            if (total != null && ((Number) total).intValue() >= 2) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(2, ((Number) total).intValue());
    }

    @Test
    void base64IsTheFloatVectorAsLittleEndianFloat32() {
        String model = route(unique("emb"), embeddings(simulator()));
        JsonObject request = new JsonObject().put("model", model).put("input", "The food was delicious").put("dimensions", 64);
        List<Float> floats = embed(request.copy().put("encoding_format", "float"), 200).getList("data[0].embedding", Float.class);
        String encoded = embed(request.copy().put("encoding_format", "base64"), 200).getString("data[0].embedding");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[bytes.remaining() / 4];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = bytes.getFloat();
        }
        float[] expected = new float[floats.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = floats.get(i);
        }
        assertEquals(64, decoded.length);
        assertArrayEquals(expected, decoded);
    }

    @Test
    void anOpenAiUpstreamIsAskedForFloatsUnderItsOwnModelNameAndTheAnswerNamesTheRequestedOne() {
        String id = unique("up");
        JsonObject upstream = embeddings(target("openai", FakeUpstream.url("openai", id)))
                .put("upstream_model", "text-embedding-3-small-2024").put("api_key", "sk-upstream");
        String model = route(unique("emb"), upstream);
        given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", model).put("input", new JsonArray().add("a").add("b"))
                        .put("dimensions", 3).put("encoding_format", "base64").encode())
                .post("/v1/embeddings").then().statusCode(200)
                .header("X-Upstream-Model", "text-embedding-3-small-2024")
                .body("model", equalTo(model))
                .body("data", hasSize(2))
                .body("usage.prompt_tokens", equalTo(14));
        JsonPath seen = given().get(FakeUpstream.control(id))
                .then().extract().jsonPath();
        assertEquals("/openai/" + id + "/v1/embeddings", seen.getString("path"));
        assertEquals("text-embedding-3-small-2024", seen.getString("body.model"));
        assertEquals("float", seen.getString("body.encoding_format"));
        assertEquals(3, seen.getInt("body.dimensions"));
        assertEquals(List.of("a", "b"), seen.getList("body.input"));
        assertEquals("Bearer sk-upstream", seen.getString("authorization"));
    }

    @Test
    void aFailingUpstreamFailsOverToTheNextProviderModel() {
        String failing = unique("bad");
        String model = route(unique("emb"), embeddings(target("openai", FakeUpstream.url("error500", failing))),
                embeddings(target("openai", FakeUpstream.url("openai", unique("good")))));
        JsonPath answer = embed(new JsonObject().put("model", model).put("input", List.of(1, 2, 3)), 200);
        assertEquals(List.of(0.0f, 0.5f, -0.25f), answer.getList("data[0].embedding", Float.class));
        given().auth().oauth2(token).contentType("application/json")
                .body(new JsonObject().put("model", route(unique("emb"),
                        embeddings(target("openai", FakeUpstream.url("error500", unique("bad")))))).put("input", "x").encode())
                .post("/v1/embeddings").then().statusCode(502).body("error.code", equalTo("upstream_error"));
    }

    @Test
    void onlyProviderModelsWithTheEmbeddingsCapabilityServeIt() {
        String chatOnly = route(unique("chat"), simulator());
        JsonPath refused = embed(new JsonObject().put("model", chatOnly).put("input", "x"), 400);
        assertEquals("model_not_supported", refused.getString("error.code"));
        assertEquals("model", refused.getString("error.param"));
        assertEquals("model_not_found", embed(new JsonObject().put("model", unique("nope")).put("input", "x"), 404)
                .getString("error.code"));
    }

    @Test
    void badRequestsAre400NamingTheField() {
        String model = route(unique("emb"), embeddings(simulator()));
        JsonObject base = new JsonObject().put("model", model);
        assertEquals("input", embed(base.copy(), 400).getString("error.param"));
        assertEquals("input", embed(base.copy().put("input", ""), 400).getString("error.param"));
        assertEquals("input", embed(base.copy().put("input", new JsonArray()), 400).getString("error.param"));
        assertEquals("input", embed(base.copy().put("input", new JsonArray().add("a").add(3)), 400).getString("error.param"));
        assertEquals("encoding_format", embed(base.copy().put("input", "x").put("encoding_format", "int8"), 400)
                .getString("error.param"));
        assertEquals("dimensions", embed(base.copy().put("input", "x").put("dimensions", 0), 400).getString("error.param"));
        assertEquals("model", embed(new JsonObject().put("input", "x"), 400).getString("error.param"));
        assertEquals("invalid_request_error", embed(new JsonObject().put("input", "x"), 400).getString("error.type"));
    }

    @Test
    void aKeyLimitedToOneModelIsRefusedEveryOtherOnEveryEndpoint() {
        String allowed = route(unique("emb"), embeddings(simulator()));
        String other = route(unique("emb"), embeddings(simulator()));
        String key = io.jansuite.common.auth.ApiKeyFormat.generate();
        FakeAuthService.register(key, unique("key"), io.jansuite.testing.TestTokens.newUserId(), allowed);
        given().header("X-API-Key", key).contentType("application/json")
                .body(new JsonObject().put("model", allowed).put("input", "x").encode())
                .post("/v1/embeddings").then().statusCode(200);
        given().header("X-API-Key", key).contentType("application/json").body(chat(allowed, "hi").encode())
                .post("/v1/chat/completions").then().statusCode(200);
        for (String path : new String[] { "/v1/embeddings", "/v1/chat/completions" }) {
            JsonObject body = path.endsWith("embeddings") ? new JsonObject().put("model", other).put("input", "x")
                    : chat(other, "hi");
            given().header("X-API-Key", key).contentType("application/json").body(body.encode())
                    .post(path).then().statusCode(403)
                    .body("error.type", equalTo("permission_error"))
                    .body("error.code", equalTo("model_not_allowed"));
            // A model the catalog does not know is refused just the same: the key's list is checked first.
            given().header("X-API-Key", key).contentType("application/json")
                    .body(body.put("model", allowed + "-alias").encode())
                    .post(path).then().statusCode(403).body("error.code", equalTo("model_not_allowed"));
        }
    }
}
