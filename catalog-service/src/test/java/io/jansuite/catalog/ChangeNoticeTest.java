package io.jansuite.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jansuite.testing.LocalServices;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Command;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A committed change is announced on Redis with the new version. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ChangeNoticeTest {

    @Test
    void changeIsPublishedOnTheCatalogChannelWithTheNewVersion() throws Exception {
        assumeTrue(LocalServices.redisAvailable(), "no Redis on 127.0.0.1:6379");
        Vertx vertx = Vertx.vertx();
        try {
            BlockingQueue<String> messages = new ArrayBlockingQueue<>(16);
            RedisConnection connection = Redis.createClient(vertx, LocalServices.redisUrl()).connect()
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            connection.handler(message -> {
                if (message.size() == 3 && "message".equals(message.get(0).toString())) {
                    messages.add(message.get(2).toString());
                }
            });
            connection.send(Request.cmd(Command.SUBSCRIBE).arg("jansuite:catalog-changed"))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

            Internal.admin().body(Map.of("enabled", true)).patch("/internal/admin/mcp-tools/conversation_search").then().statusCode(200);
            long version = ((Number) Internal.inference().get("/internal/catalog/version").then().extract()
                    .path("data.version")).longValue();

            String message = messages.poll(5, TimeUnit.SECONDS);
            while (message != null && Long.parseLong(message) < version) {
                message = messages.poll(1, TimeUnit.SECONDS);
            }
            assertEquals(String.valueOf(version), message);
        } finally {
            vertx.close();
        }
    }
}
