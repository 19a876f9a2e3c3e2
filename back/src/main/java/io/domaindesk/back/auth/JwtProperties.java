package io.domaindesk.back.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in token issuer's settings ({@code JWT_SECRET}, {@code JWT_TTL}). Every replica
 * shares the secret, so any replica accepts a token any other one issued.
 */
@ConfigurationProperties("domaindesk.jwt")
public record JwtProperties(String secret, Duration ttl, String issuer) {

    /** HS256 needs a key at least as long as its output (RFC 7518 §3.2). */
    static final int MIN_SECRET_BYTES = 32;

    private byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The HS256 key that signs and checks the built-in tokens. */
    SecretKey secretKey() {
        requireUsableSecret();
        return new SecretKeySpec(secretBytes(), "HmacSHA256");
    }

    /** Refuses to run the built-in issuer with a weak or missing key. */
    private void requireUsableSecret() {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("JWT_SECRET is not set: give the back an HMAC key of at least "
                    + MIN_SECRET_BYTES + " bytes (or set OIDC_ISSUER_URI to use an external issuer).");
        }
        if (secretBytes().length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("JWT_SECRET is " + secretBytes().length + " bytes long; it must be at least "
                    + MIN_SECRET_BYTES + " bytes.");
        }
    }
}
