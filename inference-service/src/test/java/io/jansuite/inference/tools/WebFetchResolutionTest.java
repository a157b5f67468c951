package io.jansuite.inference.tools;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jansuite.testing.FakeUpstream;
import io.jansuite.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * web_fetch decides on the addresses a host name resolves to, all of them: a name that resolves to a private
 * address (or to a public and a private one, as a rebinding attacker would answer) is refused before any
 * connection. The resolver is replaced by a table here; nothing is looked up or connected to.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(io.jansuite.inference.FakeNeighbours.class)
@QuarkusTestResource(FakeUpstream.class)
@QuarkusTestResource(io.jansuite.testing.FakeAuthService.class)
class WebFetchResolutionTest {

    @Inject
    WebFetch web;

    @AfterEach
    void realResolver() {
        web.resolveWith(host -> {
            try {
                return InetAddress.getAllByName(host);
            } catch (Exception e) {
                return new InetAddress[0];
            }
        });
    }

    private static InetAddress[] addresses(String... literals) {
        InetAddress[] out = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            try {
                out[i] = InetAddress.getByName(literals[i]);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private WebFetch.Page fetch(String url) {
        return web.fetch(url, 1000).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefused() {
        web.resolveWith(host -> switch (host) {
            case "intranet.example" -> addresses("10.20.30.40");
            case "rebind.example" -> addresses("93.184.215.14", "192.168.1.20");
            case "metadata.example" -> addresses("fd00:ec2::254");
            default -> new InetAddress[0];
        });
        for (String url : new String[] {"http://intranet.example/", "https://rebind.example/x", "http://metadata.example/"}) {
            WebFetch.Page page = fetch(url);
            assertNull(page.text(), url);
            assertTrue(page.error().startsWith("Refused:"), url + ": " + page.error());
        }
        assertTrue(fetch("http://unknown.example/").error().contains("could not be resolved"));
    }
}
