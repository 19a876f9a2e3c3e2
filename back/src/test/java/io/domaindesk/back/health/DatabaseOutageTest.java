package io.domaindesk.back.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.MigratedDatabase;
import io.domaindesk.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The database goes away and comes back: the API fails fast with 503 problem+json and
 * Retry-After, readiness and liveness stay UP (the replica stays behind the load
 * balancer, so clients get that answer rather than the proxy's), the health endpoint
 * reports the database DOWN for monitoring, the back recovers by itself, and every
 * acknowledged write is kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageTest {

    private static TcpProxy proxy;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    RestTestClient http;

    /** Like ApiTest's database, but reached through a proxy the test can cut. */
    @DynamicPropertySource
    static void databaseThroughProxy(DynamicPropertyRegistry registry) {
        TestDatabase db = MigratedDatabase.get();
        proxy = new TcpProxy(db.host(), db.port());
        registry.add("spring.datasource.url",
                () -> db.jdbcUrl().replace(db.host() + ":" + db.port(), "127.0.0.1:" + proxy.port()));
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("domaindesk.jwt.secret", () -> ApiTest.JWT_SECRET);
        registry.add("management.server.port", () -> "0");
    }

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @Test
    void failsFastWhileTheDatabaseIsAwayAndRecoversWithoutLosingAcknowledgedWrites() throws Exception {
        String token = http.post()
            .uri("/api/v1/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", MigratedDatabase.ADMIN_EMAIL, "password", MigratedDatabase.ADMIN_PASSWORD))
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(Map.class)
            .getResponseBody()
            .get("accessToken")
            .toString();
        long ownerId = ((Number) http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .exchange()
            .returnResult(Map.class)
            .getResponseBody()
            .get("id")).longValue();
        RestTestClient management = RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        List<String> acknowledged = new ArrayList<>();
        acknowledged.add(create(token, ownerId, 201));
        // Ready and healthy before the outage, so that DOWN below is the outage's doing.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
            management.get().uri("/actuator/health").exchange().expectStatus().isOk();
        });

        proxy.cut();
        Instant cutAt = Instant.now();

        // The health endpoint (monitoring) sees the database DOWN within about 10 s (each
        // check waits at most the pool's 2 s).
        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> management.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503));
        Duration healthDown = Duration.between(cutAt, Instant.now());

        // Reads and writes: 503 problem+json within 4 s, never a hang or a 500 (nor a
        // 401: the token's check against its account needs the database too), while
        // readiness and liveness stay UP and answer at once.
        Duration slowest = Duration.ZERO;
        Duration slowestProbe = Duration.ZERO;
        for (int i = 0; i < 3; i++) {
            Instant probe = Instant.now();
            management.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
            management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
            slowestProbe = max(slowestProbe, Duration.between(probe, Instant.now()));
            Instant start = Instant.now();
            http.get()
                .uri("/api/v1/domains")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER);
            slowest = max(slowest, Duration.between(start, Instant.now()));
            start = Instant.now();
            create(token, ownerId, 503);
            slowest = max(slowest, Duration.between(start, Instant.now()));
        }
        assertThat(slowest).isLessThan(Duration.ofSeconds(4));
        // Well within the kubelet's 2 s probe timeout (k8s/base/spring-boot/web.yaml).
        assertThat(slowestProbe).isLessThan(Duration.ofSeconds(1));

        proxy.restore();
        Instant restoredAt = Instant.now();
        await().atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> management.get().uri("/actuator/health").exchange().expectStatus().isOk());
        Duration recovered = Duration.between(restoredAt, Instant.now());
        acknowledged.add(create(token, ownerId, 201));
        System.out.printf(
                "Database outage: health DOWN after %d ms, slowest 503 answer %d ms, slowest readiness probe %d ms (UP), healthy again %d ms after the database returned%n",
                healthDown.toMillis(), slowest.toMillis(), slowestProbe.toMillis(), recovered.toMillis());

        try (var connection = MigratedDatabase.get().connect();
                ResultSet rows = connection.createStatement().executeQuery("SELECT name FROM domains")) {
            List<String> stored = new ArrayList<>();
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
            assertThat(stored).containsAll(acknowledged);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Creates a domain and returns its name when the answer is 201. */
    private String create(String token, long ownerId, int expectedStatus) {
        String name = "outage-" + UUID.randomUUID().toString().substring(0, 8) + ".example.net";
        http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", name, "expiresAt", LocalDate.now().plusYears(1).toString(), "ownerId", ownerId))
            .exchange()
            .expectStatus()
            .isEqualTo(expectedStatus);
        return name;
    }

}
