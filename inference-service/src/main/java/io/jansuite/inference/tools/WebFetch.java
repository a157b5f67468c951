package io.jansuite.inference.tools;

import io.jansuite.inference.config.ToolsConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The built-in {@code web_fetch}: a URL as text. The host is resolved first and every address it resolves to
 * must be public ({@link PublicAddresses}); the connection then goes to the checked address (no second
 * lookup that could answer differently), and each redirect is checked the same way. The body is read up to
 * a byte cap and the whole fetch has a deadline; HTML is reduced to its text. It never fails: what went
 * wrong is the error the model is told.
 */
@ApplicationScoped
public class WebFetch {

    /** The page as text, or why there is none. */
    public record Page(String text, String error) {
        static Page error(String why) {
            return new Page(null, why);
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    ToolsConfig config;

    private HttpClient client;
    private PublicAddresses addresses;
    private Function<String, InetAddress[]> resolver = WebFetch::lookup;

    @PostConstruct
    void init() {
        addresses = new PublicAddresses(config.webFetch().allowedNetworks().orElse(List.of()));
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5000).setForceSni(true)
                .setMaxPoolSize(8).setKeepAlive(false).setTryUseCompression(false));
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    public Uni<Page> fetch(String url, int maxChars) {
        long deadline = System.currentTimeMillis() + config.webFetch().timeout().toMillis();
        Promise<Page> done = Promise.promise();
        hop(url, 0, deadline, maxChars, done);
        return Uni.createFrom().completionStage(done.future().toCompletionStage());
    }

    private void hop(String url, int redirects, long deadline, int maxChars, Promise<Page> done) {
        URI uri;
        try {
            uri = new URI(url).normalize();
        } catch (Exception e) {
            done.complete(Page.error("The URL is not valid."));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            done.complete(Page.error("Only http and https URLs with a host can be fetched."));
            return;
        }
        if (uri.getRawUserInfo() != null) {
            done.complete(Page.error("URLs with credentials are not fetched."));
            return;
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : IDN.toASCII(uri.getHost());
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        vertx.<InetAddress[]>executeBlocking(() -> resolver.apply(host), false).onComplete(resolved -> {
            if (resolved.failed() || resolved.result() == null || resolved.result().length == 0) {
                done.complete(Page.error("The host " + host + " could not be resolved."));
                return;
            }
            for (InetAddress a : resolved.result()) {
                String why = addresses.refusal(a);
                if (why != null) {
                    done.complete(Page.error("Refused: " + host + " resolves to a non-public address (" + why
                            + "); only public addresses can be fetched."));
                    return;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                done.complete(timedOut());
                return;
            }
            InetAddress target = resolved.result()[0];
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
                    .setServer(SocketAddress.inetSocketAddress(port, target.getHostAddress()))
                    .setHost(host).setPort(port).setURI(path).setSsl(scheme.equals("https"))
                    .setFollowRedirects(false).setTimeout(left)
                    .putHeader("User-Agent", "jan-suite-web-fetch/1.0")
                    .putHeader("Accept", "text/html, text/plain, application/json, application/xml, */*;q=0.5");
            client.request(request).compose(r -> r.send()).onComplete(sent -> {
                if (sent.failed()) {
                    done.complete(describe(sent.cause()));
                    return;
                }
                HttpClientResponse response = sent.result();
                String location = response.getHeader("Location");
                if (response.statusCode() >= 300 && response.statusCode() < 400 && location != null) {
                    response.exceptionHandler(e -> { }); // the reset below is ours
                    response.request().reset();
                    if (redirects >= config.webFetch().maxRedirects()) {
                        done.complete(Page.error("Too many redirects (more than " + config.webFetch().maxRedirects()
                                + ")."));
                        return;
                    }
                    String next;
                    try {
                        next = uri.resolve(location.strip()).toString();
                    } catch (Exception e) {
                        done.complete(Page.error("The page redirected to an invalid URL."));
                        return;
                    }
                    hop(next, redirects + 1, deadline, maxChars, done);
                    return;
                }
                read(uri.toString(), response, deadline, maxChars).onComplete(read -> done.complete(
                        read.succeeded() ? read.result() : describe(read.cause())));
            });
        });
    }

    /** The body up to the byte cap (the connection is dropped past it), as text. */
    private Future<Page> read(String url, HttpClientResponse response, long deadline, int maxChars) {
        int maxBytes = config.webFetch().maxBytes();
        Promise<Page> out = Promise.promise();
        Buffer body = Buffer.buffer();
        boolean[] cut = {false};
        long timer = vertx.setTimer(Math.max(1, deadline - System.currentTimeMillis()), id -> {
            if (out.tryComplete(timedOut())) {
                response.request().reset();
            }
        });
        response.handler(chunk -> {
            if (cut[0]) {
                return;
            }
            int room = maxBytes - body.length();
            if (chunk.length() >= room) {
                body.appendBuffer(chunk, 0, Math.max(0, room));
                cut[0] = true;
                response.request().reset();
                vertx.cancelTimer(timer);
                out.tryComplete(page(url, response, body, true, maxChars));
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(e -> {
            vertx.cancelTimer(timer);
            out.tryComplete(cut[0] ? page(url, response, body, true, maxChars) : describe(e));
        });
        response.endHandler(v -> {
            vertx.cancelTimer(timer);
            out.tryComplete(page(url, response, body, false, maxChars));
        });
        return out.future();
    }

    private Page page(String url, HttpClientResponse response, Buffer body, boolean cutAtBytes, int maxChars) {
        int status = response.statusCode();
        String type = response.getHeader("Content-Type") == null ? "" : response.getHeader("Content-Type");
        String mime = type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!mime.isEmpty() && !mime.startsWith("text/") && !mime.contains("json") && !mime.contains("xml")
                && !mime.contains("javascript")) {
            return Page.error("The page is not text (" + mime + ").");
        }
        String text = new String(body.getBytes(), charset(type));
        if (mime.contains("html")) {
            PageText.Result html = PageText.of(text);
            text = (html.title().isEmpty() ? "" : "Title: " + html.title() + "\n\n") + html.text();
        }
        StringBuilder out = new StringBuilder().append("URL: ").append(url).append("\nStatus: ").append(status)
                .append("\n\n");
        boolean cut = cutAtBytes;
        if (text.length() > maxChars) {
            text = text.substring(0, maxChars);
            cut = true;
        }
        out.append(text);
        if (cut) {
            out.append("\n[cut: the page is longer than what was read]");
        }
        return status >= 400 ? Page.error("The page answered HTTP " + status + ".\n" + out) : new Page(out.toString(),
                null);
    }

    private static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", ""));
                } catch (Exception e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private Page timedOut() {
        return Page.error("The page did not answer within " + config.webFetch().timeout().toSeconds() + " s.");
    }

    private static Page describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        if (name.contains("Timeout") || String.valueOf(e.getMessage()).contains("timeout")) {
            return Page.error("The page did not answer in time.");
        }
        return Page.error("The page could not be fetched (" + name + ").");
    }

    private static InetAddress[] lookup(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new InetAddress[0];
        }
    }

    /** For tests: how host names are resolved (a literal address is never looked up). */
    void resolveWith(Function<String, InetAddress[]> resolver) {
        this.resolver = resolver;
    }
}
