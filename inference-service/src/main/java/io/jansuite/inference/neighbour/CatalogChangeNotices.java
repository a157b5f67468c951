package io.jansuite.inference.neighbour;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * The catalog's change notices on the Redis channel {@code jansuite:catalog-changed} (the new version, published
 * after each committed change): they only make a change known sooner than the version poll does. Resubscribes
 * a second after losing Redis; nothing depends on it.
 */
public class CatalogChangeNotices implements AutoCloseable {

    public static final String CHANNEL = "jansuite:catalog-changed";
    private static final Logger LOG = Logger.getLogger(CatalogChangeNotices.class);

    private final Vertx vertx;
    private final Redis redis;
    private final LongConsumer onVersion;
    private volatile boolean listening;
    private volatile boolean closed;
    private volatile RedisConnection connection;

    public CatalogChangeNotices(Vertx vertx, String redisUrl, LongConsumer onVersion) {
        this.vertx = vertx;
        this.onVersion = onVersion;
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
        subscribe();
    }

    public boolean listening() {
        return listening;
    }

    private void subscribe() {
        redis.connect().onSuccess(conn -> {
            connection = conn;
            conn.handler(message -> {
                // A push is [message, channel, payload]; the payload is the version
                if (message.size() == 3 && "message".equals(message.get(0).toString())) {
                    try {
                        onVersion.accept(Long.parseLong(message.get(2).toString()));
                    } catch (NumberFormatException e) {
                        LOG.debugf("ignoring change notice %s", message);
                    }
                }
            });
            conn.exceptionHandler(e -> lost("failed: " + e.getMessage()));
            conn.endHandler(v -> lost("closed"));
            conn.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL)).onSuccess(ok -> {
                listening = true;
                LOG.infof("catalog change notices heard on Redis channel %s", CHANNEL);
            }).onFailure(e -> lost("SUBSCRIBE failed: " + e.getMessage()));
        }).onFailure(e -> lost("unreachable: " + e.getMessage()));
    }

    private void lost(String why) {
        if (listening) {
            LOG.warnf("catalog change notices lost (Redis %s): the version poll alone follows the catalog", why);
        }
        listening = false;
        if (!closed) {
            vertx.setTimer(1_000, id -> {
                if (!closed && !listening) {
                    subscribe();
                }
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        listening = false;
        if (connection != null) {
            connection.close();
        }
        redis.close();
    }
}
