package io.domaindesk.back.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class CachingJwtDecoderTest {

    static final SecretKey KEY = new SecretKeySpec(
            "a test key of at least thirty-two bytes, HS256".getBytes(StandardCharsets.UTF_8), "HmacSHA256");

    final MovableClock clock = new MovableClock();

    final AtomicInteger signatureChecks = new AtomicInteger();

    final CachingJwtDecoder decoder = cachingDecoder();

    @Test
    void aTokenIsDecodedOnceAndTheSameClaimsComeBackAfterwards() {
        String token = token(Duration.ofHours(1));

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(signatureChecks).hasValue(1);
        assertThat(second.getSubject()).isEqualTo("42");
        assertThat(second.getClaims()).isEqualTo(first.getClaims());
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String token = token(Duration.ofMinutes(10));
        decoder.decode(token);

        // Past the expiry and the validator's minute of clock skew.
        clock.offset = Duration.ofMinutes(12);

        assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(token))
            .withMessageContaining("expired");
        assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(token));
        assertThat(signatureChecks).as("the second refusal checked the signature again: nothing was kept").hasValue(2);
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        String token = token(Duration.ofHours(1));
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(forged));
        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(forged));

        assertThat(signatureChecks).hasValue(2);
    }

    private CachingJwtDecoder cachingDecoder() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> validator = timestamps;
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(KEY).macAlgorithm(MacAlgorithm.HS256).build();
        nimbus.setJwtValidator(validator);
        JwtDecoder counting = token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
        return new CachingJwtDecoder(counting, validator);
    }

    private String token(Duration life) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject("42").issuedAt(now).expiresAt(now.plus(life)).build();
        return NimbusJwtEncoder.withSecretKey(KEY)
            .build()
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
            .getTokenValue();
    }

}
