package io.jansuite.system;

import static io.jansuite.system.Api.anonymous;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.ListeningSockets;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The services of a running suite listen on 127.0.0.1 only (the launcher sets quarkus.http.host); clients
 * reach them through the ingress. Checked in the kernel's table of listening sockets and by connecting to
 * this machine's other addresses.
 */
@Order(4)
class LoopbackOnlyTest {

    @Test
    void servicesListenOnLoopbackOnly() throws Exception {
        RunningSuite.shared();
        anonymous().get("/healthz").then().statusCode(200);
        List<InetAddress> others = ListeningSockets.otherAddresses();
        for (int i = 0; i < RunningSuite.SERVICES.size(); i++) {
            int port = 8081 + i + RunningSuite.PORT_OFFSET;
            String service = RunningSuite.SERVICES.get(i);
            List<String> listening = ListeningSockets.fromKernel(port);
            assertFalse(listening.isEmpty() && others.isEmpty(), "neither /proc/net nor another address to check with");
            for (String address : listening) {
                assertTrue(ListeningSockets.isLoopback(address), service + " listens on " + address + " (hex, as in /proc/net/tcp)");
            }
            for (InetAddress address : others) {
                assertFalse(ListeningSockets.accepts(address, port), service + " is reachable on " + address.getHostAddress() + ":" + port);
            }
            assertTrue(ListeningSockets.accepts(InetAddress.getByName("127.0.0.1"), port), service + " on 127.0.0.1:" + port);
        }
    }
}
