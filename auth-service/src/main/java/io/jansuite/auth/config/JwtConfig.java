package io.jansuite.auth.config;

import io.smallrye.config.ConfigMapping;

/** The issuer of access tokens and the PEM files of the RS256 key pair that signs them ({@code app.jwt.*}). */
@ConfigMapping(prefix = "app.jwt")
public interface JwtConfig {

    String issuer();

    /** A file path or a classpath resource. */
    String privateKeyLocation();

    /** A file path or a classpath resource. */
    String publicKeyLocation();
}
