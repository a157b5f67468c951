package io.jansuite.system;

import static io.jansuite.system.Api.anonymous;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.LocalServices;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Last: a service that is killed is reported by /healthz within 5 s, restarted by the launcher and healthy
 * again; stopping the launcher then leaves nothing behind.
 */
@Order(Integer.MAX_VALUE)
class ShutdownTest {

    @Test
    void killedServiceIsReportedRestartedAndStoppingLeavesNoProcessBehind() throws Exception {
        RunningSuite suite = RunningSuite.shared();
        List<ProcessHandle> admin = suite.processesOf("admin-service");
        assertFalse(admin.isEmpty(), "the admin-service process is found");
        admin.forEach(ProcessHandle::destroyForcibly);
        long began = System.nanoTime();
        while (anonymous().get("/healthz").statusCode() != 503 && System.nanoTime() - began < 5_000_000_000L) {
            Thread.sleep(200);
        }
        anonymous().get("/healthz").then().statusCode(503).body(containsString("admin-service"));

        suite.awaitHealthy(Duration.ofSeconds(240));
        List<ProcessHandle> restarted = suite.processesOf("admin-service");
        assertEquals(1, restarted.size(), "one admin-service process again");
        assertFalse(admin.stream().map(ProcessHandle::pid).toList().contains(restarted.get(0).pid()), "a new process");
        assertTrue(suite.launcherLog().contains("admin-service exited unexpectedly (code 137); restarting it in 1 s"),
                "the console says so: " + suite.launcherLog());
        assertTrue(suite.launcherLog().contains("admin-service started again (restart 1"), suite.launcherLog());

        List<ProcessHandle> everything = suite.descendants();
        assertTrue(suite.stop(), "the launcher stops on SIGTERM");
        Thread.sleep(500);
        assertEquals(List.of(), everything.stream().filter(ProcessHandle::isAlive).toList(), "no child process left");
        for (int port : new int[] { 8000, 8081, 8082, 8083, 8084, 8085 }) {
            assertFalse(LocalServices.listening(port + RunningSuite.PORT_OFFSET), "port " + port + " (+ offset) is free");
        }
    }
}
