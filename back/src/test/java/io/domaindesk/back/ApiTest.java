package io.domaindesk.back;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.domaindesk.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The back on a random port against a real migrated database, called over real HTTP.
 * Subclasses share one application context and one database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    /** The HMAC key the test back signs and checks tokens with. */
    public static final String JWT_SECRET = "test-secret-" + UUID.randomUUID() + UUID.randomUUID();

    @LocalServerPort
    protected int port;

    protected RestTestClient http;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase db = MigratedDatabase.get();
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("domaindesk.jwt.secret", () -> JWT_SECRET);
        registry.add("management.server.port", () -> "0");
    }

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** Signs in and returns the bearer token. */
    protected String token(String email, String password) {
        Map<?, ?> body = http.post()
            .uri("/api/v1/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", email, "password", password))
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(Map.class)
            .getResponseBody();
        assertThat(body).isNotNull();
        return (String) body.get("accessToken");
    }

    protected String adminToken() {
        return token(MigratedDatabase.ADMIN_EMAIL, MigratedDatabase.ADMIN_PASSWORD);
    }

    /** A new user with exactly these roles, created by the admin through the API. */
    protected NewUser newUser(String... roles) {
        String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@domaindesk.test";
        String password = "pw-" + UUID.randomUUID();
        Map<?, ?> created = http.post()
            .uri("/api/v1/users")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", email, "firstName", "Test", "lastName", "User", "password", password, "roles",
                    Set.of(roles)))
            .exchange()
            .expectStatus()
            .isCreated()
            .returnResult(Map.class)
            .getResponseBody();
        long id = ((Number) created.get("id")).longValue();
        return new NewUser(id, email, password, token(email, password));
    }

    /** The user id of the token's holder ({@code GET /users/me}). */
    protected long userId(String token) {
        Map<?, ?> me = http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, bearer(token))
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(Map.class)
            .getResponseBody();
        return ((Number) me.get("id")).longValue();
    }

    /** A new domain owned by the admin, created through the API; returns its id. */
    protected long newDomain(String name, String expiresAt) {
        Map<?, ?> created = http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", name, "registrar", "Gandi", "expiresAt", expiresAt, "ownerId", userId(adminToken())))
            .exchange()
            .expectStatus()
            .isCreated()
            .returnResult(Map.class)
            .getResponseBody();
        return ((Number) created.get("id")).longValue();
    }

    protected static String uniqueDomain() {
        return "d" + UUID.randomUUID().toString().substring(0, 12) + ".example.com";
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    public record NewUser(long id, String email, String password, String token) {
        public String bearer() {
            return "Bearer " + token;
        }
    }

    protected static List<?> content(Map<?, ?> page) {
        return (List<?>) page.get("content");
    }

}
