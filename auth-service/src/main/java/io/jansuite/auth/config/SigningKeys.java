package io.jansuite.auth.config;

import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The RS256 key pair that signs access tokens, read from PEM files ({@code app.jwt.private-key-location} /
 * {@code app.jwt.public-key-location}: a file path, or a classpath resource). The {@code kid} is the key's
 * RFC 7638 thumbprint, so a new key pair gets a new kid without configuration.
 */
@ApplicationScoped
public class SigningKeys {

    @Inject
    JwtConfig config;

    private PrivateKey privateKey;
    private RSAPublicKey publicKey;
    private String keyId;
    private Map<String, Object> jwks;

    @PostConstruct
    void load() {
        try {
            privateKey = KeyUtils.decodePrivateKey(read(config.privateKeyLocation()));
            PublicKey pub = KeyUtils.decodePublicKey(read(config.publicKeyLocation()));
            publicKey = (RSAPublicKey) pub;
            RsaJsonWebKey jwk = new RsaJsonWebKey(publicKey);
            keyId = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
            jwk.setKeyId(keyId);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            jwks = Map.of("keys", List.of(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        } catch (IOException | java.security.GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("Cannot load the JWT signing keys (app.jwt.private-key-location, "
                    + "app.jwt.public-key-location): " + e.getMessage(), e);
        }
    }

    private static String read(String location) throws IOException {
        String name = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        Path file = Path.of(name.startsWith("file:") ? name.substring(5) : name);
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII);
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no file or classpath resource named " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The JWK Set served at {@code /.well-known/jwks.json}. */
    public Map<String, Object> jwks() {
        return jwks;
    }
}
