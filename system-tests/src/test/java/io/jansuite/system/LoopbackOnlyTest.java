package io.jansuite.system;

import static io.jansuite.system.Api.anonymous;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
        List<InetAddress> others = otherAddresses();
        for (int i = 0; i < RunningSuite.SERVICES.size(); i++) {
            int port = 8081 + i + RunningSuite.PORT_OFFSET;
            String service = RunningSuite.SERVICES.get(i);
            List<String> listening = listeningAddresses(port);
            assertFalse(listening.isEmpty() && others.isEmpty(), "neither /proc/net nor another address to check with");
            for (String address : listening) {
                assertTrue(isLoopback(address), service + " listens on " + address + " (hex, as in /proc/net/tcp)");
            }
            for (InetAddress address : others) {
                assertFalse(accepts(address, port), service + " is reachable on " + address.getHostAddress() + ":" + port);
            }
            assertTrue(accepts(InetAddress.getByName("127.0.0.1"), port), service + " on 127.0.0.1:" + port);
        }
    }

    /** The local addresses (hex) of the sockets listening on the port, from /proc/net/tcp and tcp6. */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> found = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            if (!Files.isReadable(Path.of(table))) {
                continue;
            }
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length > 3 && cols[1].endsWith(":" + hexPort) && cols[3].equals("0A")) { // 0A: LISTEN
                    found.add(cols[1].substring(0, cols[1].indexOf(':')));
                }
            }
        }
        return found;
    }

    /** 127/8, ::ffff:127/104 (Java's dual-stack IPv4 socket) and ::1, as the kernel writes them. */
    private static boolean isLoopback(String hex) {
        return hex.length() == 8 ? hex.endsWith("7F") : hex.equals("00000000000000000000000001000000")
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }

    private static List<InetAddress> otherAddresses() throws IOException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp()) {
                Collections.list(nic.getInetAddresses()).stream()
                        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(found::add);
            }
        }
        return found;
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
