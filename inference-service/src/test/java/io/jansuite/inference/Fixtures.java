package io.jansuite.inference;

import static io.restassured.RestAssured.given;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.TestTokens;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Routes, upstreams and conversations for the tests, set up through the fakes' control routes. */
final class Fixtures {

    private Fixtures() {
    }

    static int port(String name) {
        return ConfigProvider.getConfig().getValue(name, Integer.class);
    }

    static String neighbours() {
        return "http://127.0.0.1:" + port("fake-neighbours.port");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String userToken() {
        return TestTokens.user(TestTokens.newUserId());
    }

    /** The base URL of a fake upstream behaving as {@code scenario}, its calls recorded under {@code id}. */
    static String upstream(String scenario, String id) {
        return FakeUpstream.url(scenario, id);
    }

    static JsonObject target(String type, String baseUrl) {
        String id = unique("pmdl");
        return new JsonObject().put("provider_model_id", id).put("provider_id", unique("prov"))
                .put("provider_name", type + "-" + id).put("provider_type", type).put("base_url", baseUrl)
                .putNull("api_key").put("upstream_model", "upstream-" + type).putNull("default_temperature")
                .putNull("requests_per_minute").put("timeouts", new JsonObject()).put("settings", new JsonObject());
    }

    static JsonObject simulator() {
        return target("simulator", null).put("settings", new JsonObject().put("ttft_ms", 0).put("tpot_ms", 0));
    }

    /** Registers (or replaces) a model in the fake catalog, served by the targets in this order. */
    static String route(String model, JsonObject... targets) {
        JsonArray list = new JsonArray();
        for (JsonObject t : targets) {
            list.add(t);
        }
        given().body(new JsonObject().put("model", model).put("catalog_id", model).put("enabled", true)
                .put("targets", list).encode()).post(neighbours() + "/control/routes/" + model).then().statusCode(200);
        return model;
    }

    /** The catalog answers 503 (as when its database is down) until {@code catalogDown(false)}. */
    static void catalogDown(boolean down) {
        given().body(new JsonObject().put("down", down).encode()).post(neighbours() + "/control/catalog").then()
                .statusCode(200);
    }

    static void removeRoute(String model) {
        given().delete(neighbours() + "/control/routes/" + model).then().statusCode(200);
    }

    /** What the fake upstream received under {@code id}: hits, body, headers, closed. */
    static JsonPath seen(String id) {
        return given().get(FakeUpstream.control(id)).then().statusCode(200).extract().jsonPath();
    }

    static void conversation(String id, String token, JsonArray messages) {
        conversation(id, token, messages, Integer.MAX_VALUE);
    }

    /** A conversation whose appends after the first {@code acceptAppends} fail with 500. */
    static void conversation(String id, String token, JsonArray messages, int acceptAppends) {
        given().body(new JsonObject().put("authorization", "Bearer " + token).put("messages", messages)
                .put("accept_appends", acceptAppends).encode())
                .post(neighbours() + "/control/conversations/" + id).then().statusCode(200);
    }

    static JsonPath conversationState(String id) {
        return given().get(neighbours() + "/control/conversations/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonObject chat(String model, String userText) {
        return new JsonObject().put("model", model).put("messages",
                new JsonArray().add(new JsonObject().put("role", "user").put("content", userText)));
    }

    /** The payloads of an SSE body's {@code data:} lines, in order. */
    static List<String> dataLines(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                out.add(line.substring(6));
            }
        }
        return out;
    }

    /** The streamed text: the delta contents of every chunk. */
    static String streamedText(List<String> data) {
        StringBuilder out = new StringBuilder();
        for (String d : data) {
            if (d.equals("[DONE]")) {
                continue;
            }
            JsonObject chunk = new JsonObject(d);
            JsonArray choices = chunk.getJsonArray("choices", new JsonArray());
            if (!choices.isEmpty()) {
                String content = choices.getJsonObject(0).getJsonObject("delta", new JsonObject()).getString("content");
                out.append(content == null ? "" : content);
            }
        }
        return out.toString();
    }
}
