package io.domaindesk.back.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.domaindesk.back.BackApplication;
import io.domaindesk.back.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * OIDC_ISSUER_URI alone swaps the built-in tokens for an external OpenID Connect issuer:
 * here a minimal one (discovery document and JWKS) signing RS256 tokens.
 */
class ExternalIssuerTest {

    private static RSAKey signingKey;

    private static HttpServer issuer;

    private static String issuerUri;

    private static ConfigurableApplicationContext back;

    private static RestTestClient http;

    @BeforeAll
    static void startIssuerAndBack() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuerUri = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/domaindesk";
        JsonMapper json = JsonMapper.builder().build();
        issuer.createContext("/realms/domaindesk/.well-known/openid-configuration",
                exchange -> reply(exchange,
                        json.writeValueAsString(Map.of("issuer", issuerUri, "jwks_uri", issuerUri + "/keys",
                                "subject_types_supported", List.of("public"), "id_token_signing_alg_values_supported",
                                List.of("RS256")))));
        issuer.createContext("/realms/domaindesk/keys",
                exchange -> reply(exchange, new JWKSet(signingKey.toPublicJWK()).toString()));
        issuer.start();

        var db = MigratedDatabase.get();
        back = new SpringApplicationBuilder(BackApplication.class).run("--server.port=0", "--management.server.port=0",
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                // A JWT_SECRET left in place must not matter: the external issuer wins.
                "--domaindesk.jwt.secret=" + io.domaindesk.back.ApiTest.JWT_SECRET,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuerUri);
        int port = ((WebServerApplicationContext) back).getWebServer().getPort();
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @AfterAll
    static void stop() {
        back.close();
        issuer.stop(0);
    }

    @Test
    void tokensOfTheExternalIssuerAreAccepted() throws Exception {
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(issuerUri, signingKey))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.email")
            .isEqualTo(MigratedDatabase.ADMIN_EMAIL);
    }

    @Test
    void tokensFromAnotherIssuerOrKeyAreRefused() throws Exception {
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token("http://elsewhere.test", signingKey))
            .exchange()
            .expectStatus()
            .isUnauthorized();
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(issuerUri, otherKey))
            .exchange()
            .expectStatus()
            .isUnauthorized();
    }

    @Test
    void theBuiltInIssuerIsNotMadeAtAll() {
        assertThat(back.getBeanProvider(TokenService.class).getIfAvailable()).isNull();
        assertThat(back.getBeanProvider(JwtEncoder.class).getIfAvailable()).isNull();
    }

    @Test
    void theBuiltInTokenEndpointSendsPeopleToTheIssuer() {
        http.post()
            .uri("/api/v1/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", MigratedDatabase.ADMIN_EMAIL, "password", MigratedDatabase.ADMIN_PASSWORD))
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .value(detail -> assertThat((String) detail).contains("OIDC_ISSUER_URI"));
    }

    /**
     * Its tokens must name this API as audience too; their life is the issuer's (no token
     * version: they are not checked against the users table).
     */
    @Test
    void tokensForAnotherAudienceAreRefused() throws Exception {
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(issuerUri, signingKey, "another-api"))
            .exchange()
            .expectStatus()
            .isUnauthorized();
    }

    private static String token(String iss, RSAKey key) throws Exception {
        return token(iss, key, "domaindesk-api");
    }

    private static String token(String iss, RSAKey key, String audience) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(iss)
            .audience(audience)
            .subject("external-admin")
            .issueTime(java.util.Date.from(Instant.now()))
            .expirationTime(java.util.Date.from(Instant.now().plusSeconds(300)))
            .claim("email", MigratedDatabase.ADMIN_EMAIL)
            .claim("roles", List.of("ADMIN"))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

}
