package io.domaindesk.back.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import tools.jackson.databind.json.JsonMapper;

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
        String expired = sign(JWT_SECRET,
                claims -> claims.issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(60)));
        assertRefused(expired);
    }

    @Test
    void tokensSignedWithAnotherKeyAreRefused() {
        assertRefused(sign("another-secret-of-at-least-thirty-two-bytes", claims -> {
        }));
    }

    @Test
    void aTokenSignedWithTheSharedKeyIsAcceptedWithoutTheIssuingProcess() {
        String token = sign(JWT_SECRET, claims -> {
        });
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

    @Test
    void issuedTokensNameTheIssuerTheAudienceAndAnExpiry() throws Exception {
        String[] parts = adminToken().split("\\.");
        Map<?, ?> claims = JsonMapper.builder().build().readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
        assertThat(claims.get("iss")).isEqualTo(properties.jwt().issuer());
        assertThat(claims.get("aud")).isIn(properties.jwt().audience(), List.of(properties.jwt().audience()));
        assertThat(claims.get("exp")).isNotNull();
    }

    /**
     * Even signed with the right key, a token must say who issued it, for whom, until
     * when.
     */
    @Test
    void tokensWithoutOrWithAnotherIssuerAudienceOrExpiryAreRefused() {
        assertRefused(sign(JWT_SECRET, claims -> claims.claims(all -> all.remove(JwtClaimNames.EXP))));
        assertRefused(sign(JWT_SECRET, claims -> claims.claims(all -> all.remove(JwtClaimNames.ISS))));
        assertRefused(sign(JWT_SECRET, claims -> claims.issuer("someone-else")));
        assertRefused(sign(JWT_SECRET, claims -> claims.claims(all -> all.remove(JwtClaimNames.AUD))));
        assertRefused(sign(JWT_SECRET, claims -> claims.audience(List.of("another-api"))));
    }

    /**
     * bcrypt compares only the first 72 bytes: a longer password would sign in whatever
     * followed them, so it is refused as at creation.
     */
    @Test
    void signInRefusesPasswordsOver72BytesInsteadOfTruncatingThem() {
        NewUser user = newUser();
        String seventyTwoBytes = "p".repeat(72);
        http.patch()
            .uri("/api/v1/users/" + user.id())
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("password", seventyTwoBytes))
            .exchange()
            .expectStatus()
            .isOk();
        token(user.email(), seventyTwoBytes);

        for (String tooLong : List.of(seventyTwoBytes + "x", seventyTwoBytes + "anything at all", "é".repeat(37))) {
            http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", user.email(), "password", tooLong))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("password")
                .jsonPath("$.accessToken")
                .doesNotExist();
        }
    }

    private void assertRefused(String token) {
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, bearer(token))
            .exchange()
            .expectStatus()
            .isUnauthorized();
    }

    /**
     * A token for the seeded administrator (id 1, token version 0) as the back issues
     * them, with {@code changes} applied.
     */
    private static String sign(String secret, Consumer<JwtClaimsSet.Builder> changes) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
            .issuer("domaindesk")
            .audience(List.of("domaindesk-api"))
            .subject("1")
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(600))
            .claim("email", MigratedDatabase.ADMIN_EMAIL)
            .claim("roles", List.of("ADMIN"))
            .claim(TokenVersionFilter.TOKEN_VERSION_CLAIM, 0);
        changes.accept(claims);
        return NimbusJwtEncoder.withSecretKey(key)
            .build()
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
            .getTokenValue();
    }

}
