package io.jansuite.system;

import static io.jansuite.system.Api.anonymous;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.LocalServices;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Last: a service that dies is reported by /healthz within 5 s, and stopping the launcher leaves nothing behind. */
@Order(Integer.MAX_VALUE)
class ShutdownTest {

    @Test
    void deadServiceIsReportedAndStoppingLeavesNoProcessBehind() throws Exception {
        RunningSuite suite = RunningSuite.shared();
        List<ProcessHandle> everything = suite.descendants();
        List<ProcessHandle> admin = suite.processesOf("admin-service");
        assertFalse(admin.isEmpty(), "the admin-service process is found");
        admin.forEach(ProcessHandle::destroyForcibly);
        long began = System.nanoTime();
        while (anonymous().get("/healthz").statusCode() != 503 && System.nanoTime() - began < 5_000_000_000L) {
            Thread.sleep(200);
        }
        anonymous().get("/healthz").then().statusCode(503).body(containsString("admin-service"));

        assertTrue(suite.stop(), "the launcher stops on SIGTERM");
        Thread.sleep(500);
        assertEquals(List.of(), everything.stream().filter(ProcessHandle::isAlive).toList(), "no child process left");
        for (int port : new int[] { 8000, 8081, 8082, 8083, 8084, 8085 }) {
            assertFalse(LocalServices.listening(port + RunningSuite.PORT_OFFSET), "port " + port + " (+ offset) is free");
        }
    }
}
