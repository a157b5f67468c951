package io.jansuite.testing;

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

/** Where this machine listens on a TCP port: the kernel's table (Linux) and what a connection can reach. */
public final class ListeningSockets {

    private ListeningSockets() {
    }

    /**
     * The local addresses (hex, as in /proc/net/tcp and tcp6) of the sockets listening on {@code port}; empty
     * where /proc/net is not there.
     */
    public static List<String> fromKernel(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] cols = line.trim().split("\\s+");
                String[] local = cols[1].split(":");
                if (local[1].equals(hexPort) && cols[3].equals("0A")) { // 0A: LISTEN
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }

    /**
     * True for the kernel's spelling (little-endian words) of 127/8, ::ffff:127/104 (an IPv4 socket of Java's
     * dual-stack kind) and ::1.
     */
    public static boolean isLoopback(String hexAddress) {
        if (hexAddress.length() == 8) {
            return hexAddress.endsWith("7F");
        }
        return hexAddress.equals("00000000000000000000000001000000")
                || (hexAddress.startsWith("0000000000000000FFFF0000") && hexAddress.endsWith("7F"));
    }

    /** This machine's addresses other than loopback ones. */
    public static List<InetAddress> otherAddresses() throws IOException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp()) {
                Collections.list(nic.getInetAddresses()).stream()
                        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(found::add);
            }
        }
        return found;
    }

    public static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
