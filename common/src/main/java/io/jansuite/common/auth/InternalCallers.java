package io.jansuite.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Service-to-service calls carry {@code X-Internal-Caller: <service>:<HMAC-SHA256(secret, service)>}; an
 * {@code /internal/} route serves only the callers named in {@code app.internal.allowed-callers}.
 */
@ApplicationScoped
public class InternalCallers {

    public static final String HEADER = "X-Internal-Caller";

    @ConfigProperty(name = "app.internal.secret")
    String secret;

    @ConfigProperty(name = "quarkus.application.name")
    String self;

    @ConfigProperty(name = "app.internal.allowed-callers")
    Optional<List<String>> allowed;

    private final Map<String, String> signatures = new ConcurrentHashMap<>();

    /** This service's own header value. */
    public String header() {
        return self + ":" + sign(self);
    }

    /** The caller's name when the header is genuine and the caller is allowed here, else null. */
    public String accept(String header) {
        if (header == null) {
            return null;
        }
        int colon = header.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String name = header.substring(0, colon);
        byte[] given = header.substring(colon + 1).getBytes(StandardCharsets.US_ASCII);
        boolean genuine = MessageDigest.isEqual(given, sign(name).getBytes(StandardCharsets.US_ASCII));
        return genuine && allowed.orElse(List.of()).contains(name) ? name : null;
    }

    /** A name's signature never changes: computed once, not per call. */
    private String sign(String name) {
        return signatures.computeIfAbsent(name, this::hmac);
    }

    private String hmac(String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
