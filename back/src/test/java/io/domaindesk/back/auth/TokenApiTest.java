package io.domaindesk.back.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.BackProperties;
import io.domaindesk.back.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class TokenApiTest extends ApiTest {

    @Autowired
    BackProperties properties;

    @Test
    void theAdministratorSeededByDbmigrateGetsABearerToken() {
        http.post()
            .uri("/api/v1/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", MigratedDatabase.ADMIN_EMAIL, "password", MigratedDatabase.ADMIN_PASSWORD))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.tokenType")
            .isEqualTo("Bearer")
            .jsonPath("$.expiresIn")
            .isEqualTo(properties.jwt().ttl().toSeconds())
            .jsonPath("$.accessToken")
            .value(token -> assertThat((String) token).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+"));
    }

    @Test
    void wrongPasswordAndUnknownEmailAreTheSame401() {
        String wrongPassword = http.post()
            .uri("/api/v1/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", MigratedDatabase.ADMIN_EMAIL, "password", "not-the-password"))
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .returnResult(String.class)
            .getResponseBody();
        String unknownEmail = http.post()
            .uri("/api/v1/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", "nobody@domaindesk.test", "password", "not-the-password"))
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .returnResult(String.class)
            .getResponseBody();
        assertThat(unknownEmail).isEqualTo(wrongPassword);
    }

    @Test
    void missingCredentialsAre400() {
        http.post()
            .uri("/api/v1/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", "a@b.c"))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("password");
    }

    @Test
    void expiredTokensAreRefused() {
        String expired = sign(JWT_SECRET, Instant.now().minusSeconds(3600), Instant.now().minusSeconds(60));
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, bearer(expired))
            .exchange()
            .expectStatus()
            .isUnauthorized();
    }

    @Test
    void tokensSignedWithAnotherKeyAreRefused() {
        String forged = sign("another-secret-of-at-least-thirty-two-bytes", Instant.now(),
                Instant.now().plusSeconds(600));
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, bearer(forged))
            .exchange()
            .expectStatus()
            .isUnauthorized();
    }

    @Test
    void aTokenSignedWithTheSharedKeyIsAcceptedWithoutTheIssuingProcess() {
        String token = sign(JWT_SECRET, Instant.now(), Instant.now().plusSeconds(600));
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, bearer(token))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.email")
            .isEqualTo(MigratedDatabase.ADMIN_EMAIL);
    }

    private static String sign(String secret, Instant issuedAt, Instant expiresAt) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer("domaindesk")
            .subject("1")
            .issuedAt(issuedAt)
            .expiresAt(expiresAt)
            .claim("email", MigratedDatabase.ADMIN_EMAIL)
            .claim("roles", List.of("ADMIN"))
            .build();
        return NimbusJwtEncoder.withSecretKey(key)
            .build()
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
            .getTokenValue();
    }

}
