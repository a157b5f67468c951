package io.jansuite.system;

import static io.jansuite.system.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A streamed completion naming a conversation, through the ingress: the client that leaves mid-answer finds
 * its question and the part of the answer it was sent in the conversation, marked incomplete.
 */
@Order(2)
class ConversationStreamTest {

    @BeforeAll
    static void suite() throws Exception {
        RunningSuite.shared();
    }

    @Test
    void aClientLeavingMidStreamFindsTheQuestionAndThePartialAnswerMarkedIncomplete() throws Exception {
        String token = Api.guestToken();
        String conversation = as(token).body("{\"title\":\"left early\"}").post("/v1/conversations").then()
                .statusCode(201).extract().path("data.id");
        String question = "word ".repeat(300).strip();
        byte[] body = ("{\"model\":\"jan-v2-30b\",\"stream\":true,\"conversation\":\"" + conversation
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}").getBytes(StandardCharsets.UTF_8);
        URI base = URI.create(RunningSuite.BASE);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String received = "";
            while (!received.contains("Simulated")) {
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                assertTrue(n > 0, "stream ended early: " + received);
                received += new String(buf, 0, n, StandardCharsets.UTF_8);
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonPath items = null;
        while (System.nanoTime() < deadline) {
            items = as(token).get("/v1/conversations/" + conversation + "/items").then().statusCode(200)
                    .extract().jsonPath();
            if (items.getList("data").size() == 2) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(List.of("user", "assistant"), items.getList("data.role"));
        assertEquals(question, items.getString("data[0].content"), "the question was stored before the answer began");
        assertEquals("completed", items.getString("data[0].status"));
        assertEquals("incomplete", items.getString("data[1].status"));
        assertEquals("client_disconnected", items.getString("data[1].incomplete_details.reason"));
        String partial = items.getString("data[1].content");
        assertTrue(partial.startsWith("Simulated") && partial.length() < question.length(),
                "the part that was sent: " + partial);
    }
}
