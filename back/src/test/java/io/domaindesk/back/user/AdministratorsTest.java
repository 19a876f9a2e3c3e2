package io.domaindesk.back.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import io.domaindesk.back.BackApplication;
import io.domaindesk.back.Concurrently;
import io.domaindesk.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * There is always an administrator, even when two of them remove each other at the same
 * moment, and "yourself" is the user the token's subject names. On a database of its own,
 * where the administrators are exactly those these tests make: each test starts with one
 * ({@link #soleAdmin}) and leaves one.
 */
class AdministratorsTest {

    private static final String JWT_SECRET = "administrators-" + UUID.randomUUID() + UUID.randomUUID();

    private static TestDatabase db;

    private static ConfigurableApplicationContext back;

    private static RestTestClient http;

    /** The one administrator when a test starts. */
    private static Account soleAdmin;

    record Account(long id, String email, String password, String token) {
        String bearer() {
            return "Bearer " + token;
        }
    }

    @BeforeAll
    static void startBackOnItsOwnDatabase() {
        String email = "first-admin@domaindesk.test";
        String password = "first-" + UUID.randomUUID();
        db = TestDatabase.create().migrate(email, password);
        back = new SpringApplicationBuilder(BackApplication.class).run("--server.port=0", "--management.server.port=0",
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--domaindesk.jwt.secret=" + JWT_SECRET);
        int port = ((WebServerApplicationContext) back).getWebServer().getPort();
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        soleAdmin = signIn(email, password);
    }

    @AfterAll
    static void stop() {
        back.close();
        db.drop();
    }

    @Test
    void theLastAdministratorCannotGiveUpTheAdminRole() throws Exception {
        Account admin = soleAdmin;
        for (Set<String> roles : List.of(Set.of(Role.DOMAIN_READ), Set.<String>of())) {
            http.patch()
                .uri("/api/v1/users/" + admin.id())
                .header(HttpHeaders.AUTHORIZATION, admin.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("roles", roles))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("last administrator"));
        }
        assertThat(administrators()).containsExactly(admin.id());
    }

    @Test
    void twoAdministratorsDemotingEachOtherAtOnceLeaveOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            Account first = soleAdmin;
            Account second = newAdministrator();
            List<Account> pair = List.of(first, second);
            List<Integer> statuses = Concurrently.run(2,
                    i -> http.patch()
                        .uri("/api/v1/users/" + pair.get(1 - i).id())
                        .header(HttpHeaders.AUTHORIZATION, pair.get(i).bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("roles", Set.of(Role.DOMAIN_READ)))
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value());
            assertThat(statuses).as("round %d", round).doesNotContain(500).contains(200);
            leaveOneOf(pair);
        }
    }

    @Test
    void twoAdministratorsDeletingEachOtherAtOnceLeaveOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            Account first = soleAdmin;
            Account second = newAdministrator();
            List<Account> pair = List.of(first, second);
            List<Integer> statuses = Concurrently.run(2,
                    i -> http.delete()
                        .uri("/api/v1/users/" + pair.get(1 - i).id())
                        .header(HttpHeaders.AUTHORIZATION, pair.get(i).bearer())
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value());
            assertThat(statuses).as("round %d", round).doesNotContain(500).contains(204);
            leaveOneOf(pair);
        }
    }

    /**
     * A token names its user by its subject; its e-mail claim is no identity (an e-mail
     * can change and be given to somebody else).
     */
    @Test
    void selfChecksFollowTheSubjectNotTheEmailClaim() throws Exception {
        Account admin = soleAdmin;
        Account other = newUser(Set.of(Role.DOMAIN_READ));
        String withTheirEmail = sign(admin.id(), other.email());
        String withAnEmailOfNobody = sign(admin.id(), "nobody@domaindesk.test");

        http.delete()
            .uri("/api/v1/users/" + admin.id())
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + withAnEmailOfNobody)
            .exchange()
            .expectStatus()
            .isEqualTo(409)
            .expectBody()
            .jsonPath("$.detail")
            .value(detail -> assertThat((String) detail).contains("your own account"));
        http.delete()
            .uri("/api/v1/users/" + other.id())
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + withTheirEmail)
            .exchange()
            .expectStatus()
            .isNoContent();
        assertThat(administrators()).containsExactly(admin.id());
    }

    /**
     * After a race over {@code pair}: at least one of them is still an administrator; the
     * first of those becomes the sole one.
     */
    private static void leaveOneOf(List<Account> pair) throws Exception {
        List<Long> remaining = administrators();
        assertThat(remaining).as("administrators left").isNotEmpty();
        Account survivor = pair.stream().filter(account -> remaining.contains(account.id())).findFirst().orElseThrow();
        for (Account account : pair) {
            if (account != survivor && remaining.contains(account.id())) {
                http.patch()
                    .uri("/api/v1/users/" + account.id())
                    .header(HttpHeaders.AUTHORIZATION, survivor.bearer())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("roles", Set.of()))
                    .exchange()
                    .expectStatus()
                    .isOk();
            }
        }
        soleAdmin = survivor;
        assertThat(administrators()).containsExactly(survivor.id());
    }

    private static Account newAdministrator() {
        return newUser(Set.of(Role.ADMIN));
    }

    private static Account newUser(Set<String> roles) {
        String email = "u-" + UUID.randomUUID().toString().substring(0, 8) + "@domaindesk.test";
        String password = "pw-" + UUID.randomUUID();
        http.post()
            .uri("/api/v1/users")
            .header(HttpHeaders.AUTHORIZATION, soleAdmin.bearer())
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", email, "firstName", "A", "lastName", "B", "password", password, "roles", roles))
            .exchange()
            .expectStatus()
            .isCreated();
        return signIn(email, password);
    }

    private static Account signIn(String email, String password) {
        String token = (String) http.post()
            .uri("/api/v1/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", email, "password", password))
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(Map.class)
            .getResponseBody()
            .get("accessToken");
        Number id = (Number) http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .exchange()
            .returnResult(Map.class)
            .getResponseBody()
            .get("id");
        return new Account(id.longValue(), email, password, token);
    }

    /** The ids of the users holding ADMIN, read from the database. */
    private static List<Long> administrators() throws Exception {
        try (Connection connection = db.connect();
                ResultSet rows = connection.createStatement()
                    .executeQuery("SELECT user_id FROM user_roles WHERE role_name = 'ADMIN' ORDER BY user_id")) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }

    /**
     * A valid token for user {@code id} (the back's issuer, audience and the user's token
     * version), carrying {@code email} as its e-mail claim.
     */
    private static String sign(long id, String email) throws Exception {
        long tokenVersion;
        try (Connection connection = db.connect();
                PreparedStatement select = connection
                    .prepareStatement("SELECT token_version FROM users WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                tokenVersion = row.getLong(1);
            }
        }
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer("domaindesk")
            .audience(List.of("domaindesk-api"))
            .subject(Long.toString(id))
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(600))
            .claim("email", email)
            .claim("roles", List.of(Role.ADMIN))
            .claim("token_version", tokenVersion)
            .build();
        var key = new SecretKeySpec(JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return NimbusJwtEncoder.withSecretKey(key)
            .build()
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
            .getTokenValue();
    }

}
