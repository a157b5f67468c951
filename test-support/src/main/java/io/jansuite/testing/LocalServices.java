package io.jansuite.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Which local servers a test may use. PostgreSQL and Redis run on 127.0.0.1 on developer and CI machines;
 * a machine with only a JDK has neither. Under {@code CI=true} a missing one is a failure, never a skip.
 */
public final class LocalServices {

    public static final int POSTGRES_PORT = 5432;
    public static final int REDIS_PORT = 6379;

    private LocalServices() {
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when Redis is there; false (the caller skips) on a JDK-only machine; an error under CI. */
    public static boolean redisAvailable() {
        boolean up = listening(REDIS_PORT);
        if (!up && isCi()) {
            throw new IllegalStateException("CI=true but no Redis listens on 127.0.0.1:" + REDIS_PORT);
        }
        return up;
    }

    public static String redisUrl() {
        return "redis://127.0.0.1:" + REDIS_PORT;
    }
}
