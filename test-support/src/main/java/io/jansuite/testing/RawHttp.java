package io.jansuite.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, sending the request target exactly as given: no client library normalises
 * {@code ..}, {@code //} or percent-escapes away, so a test of hostile paths really sends them.
 */
public final class RawHttp {

    /** A response: status and body (the connection is closed after it). */
    public record Reply(int status, String body) {
    }

    private RawHttp() {
    }

    public static Reply send(int port, String method, String target, Map<String, String> headers, String body)
            throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String rest = split < 0 ? "" : text.substring(split + 4);
            boolean chunked = text.substring(0, Math.max(split, 0)).toLowerCase().contains("transfer-encoding: chunked");
            return new Reply(status, chunked ? dechunk(rest) : rest);
        }
    }

    /**
     * A streamed POST with a bearer token, written on a raw socket so that the test can hang up whenever it
     * likes (close the socket): the open socket.
     */
    public static Socket postStream(String host, int port, String target, String token, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(15_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    /** Reads the answer on {@code socket} until {@code marker} appears in it: all that was read. */
    public static String readUntil(Socket socket, String marker) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder received = new StringBuilder();
        byte[] buf = new byte[4096];
        while (received.indexOf(marker) < 0) {
            int n = in.read(buf);
            if (n <= 0) {
                throw new IOException("the stream ended before " + marker + ": " + received);
            }
            received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return received.toString();
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
