package io.domaindesk.back;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The back's own settings ({@code domaindesk.*} in application.yaml, where each maps an
 * environment variable). Checked at start-up: an invalid value stops the back with a
 * message naming the property, instead of failing on the first request.
 *
 * @param instanceId names the replica in the {@code X-Instance-Id} header
 * ({@code HOSTNAME})
 * @param jwt the built-in token issuer
 * @param cors the browser origins allowed to call the API (none when not set)
 * @param schema the database schema this build needs
 * @param api limits on what a client may send
 * @param signIn how many failed sign-ins are allowed before they are refused
 */
@ConfigurationProperties("domaindesk")
@Validated
public record BackProperties(@NotBlank String instanceId, @NotNull @Valid Jwt jwt,
        @DefaultValue @NotNull @Valid Cors cors, @NotNull @Valid Schema schema, @NotNull @Valid Api api,
        @DefaultValue @NotNull @Valid SignIn signIn) {

    /**
     * The built-in issuer ({@code JWT_SECRET}, {@code JWT_TTL}). Every replica shares the
     * secret, so any replica accepts a token any other one issued. The secret is needed
     * only when no external issuer ({@code OIDC_ISSUER_URI}) is set, so it is checked
     * when the built-in issuer is made ({@link #secretKey()}), not here.
     *
     * @param issuer the {@code iss} of the built-in tokens, required in them
     * @param audience the {@code aud} every token must name, whichever issuer signed it:
     * this API
     */
    public record Jwt(String secret, @NotNull @DurationMin(seconds = 1) Duration ttl, @NotBlank String issuer,
            @NotBlank String audience) {

        /** HS256 needs a key at least as long as its output (RFC 7518 §3.2). */
        public static final int MIN_SECRET_BYTES = 32;

        /**
         * The HS256 key that signs and checks the built-in tokens; refuses a weak or
         * missing one.
         */
        public SecretKey secretKey() {
            if (secret == null || secret.isBlank()) {
                throw new IllegalStateException("JWT_SECRET is not set: give the back an HMAC key of at least "
                        + MIN_SECRET_BYTES + " bytes (or set OIDC_ISSUER_URI to use an external issuer).");
            }
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("JWT_SECRET is " + bytes.length + " bytes long; it must be at least "
                        + MIN_SECRET_BYTES + " bytes.");
            }
            return new SecretKeySpec(bytes, "HmacSHA256");
        }

        @Override
        public String toString() {
            return "Jwt[secret=(hidden), ttl=" + ttl + ", issuer=" + issuer + ", audience=" + audience + "]";
        }
    }

    /**
     * {@code CORS_ALLOWED_ORIGINS}, comma-separated; blanks are dropped. An origin is a
     * scheme, a host and an optional port, exactly as a browser sends it: a trailing
     * slash or a path would never match, so it is refused.
     */
    public record Cors(List<@Pattern(regexp = "https?://[^/\\s]+",
            message = "must be an origin such as https://domaindesk.example.com (no path, no trailing slash)") String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        }
    }

    /**
     * The newest Liquibase tag this build needs; readiness is DOWN until dbmigrate
     * applied it.
     */
    public record Schema(@NotBlank String requiredTag) {
    }

    /** The largest request body accepted (413 above it). */
    public record Api(@NotNull DataSize maxBodySize) {

        @AssertTrue(message = "must be more than 0 bytes")
        public boolean isMaxBodySizePositive() {
            return maxBodySize == null || maxBodySize.toBytes() > 0;
        }
    }

    /**
     * Failed sign-ins allowed per account (e-mail, lower-cased) and per client address
     * before POST /api/v1/auth/token answers 429; docs/security.md "Sign-in throttling"
     * explains the defaults.
     */
    public record SignIn(@DefaultValue("5") @Min(1) int accountFailures,
            @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) Duration accountWindow,
            @DefaultValue("20") @Min(1) int addressFailures,
            @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) Duration addressWindow) {
    }

}
