package io.domaindesk.back.auth;

import java.util.Map;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.BackApplication;
import io.domaindesk.back.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Statelessness across replicas: a second, independent back (its own application context,
 * port and connection pool) with the same JWT_SECRET accepts a token the first one
 * issued, and one with another secret does not.
 */
class SharedSecretTest extends ApiTest {

    @Test
    void aSecondReplicaAcceptsTokensTheFirstIssued() {
        String token = adminToken();
        try (ConfigurableApplicationContext replica = startReplica(JWT_SECRET)) {
            replicaClient(replica).get()
                .uri("/api/v1/users/me")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.email")
                .isEqualTo(MigratedDatabase.ADMIN_EMAIL);
            // ... and the first accepts the second's.
            String fromReplica = replicaClient(replica).post()
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
            http.get()
                .uri("/api/v1/users/me")
                .header(HttpHeaders.AUTHORIZATION, bearer(fromReplica))
                .exchange()
                .expectStatus()
                .isOk();
        }
    }

    @Test
    void aReplicaWithAnotherSecretRefusesThem() {
        String token = adminToken();
        try (ConfigurableApplicationContext replica = startReplica("a-different-secret-of-at-least-32-bytes!")) {
            replicaClient(replica).get()
                .uri("/api/v1/users/me")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        }
    }

    private static ConfigurableApplicationContext startReplica(String secret) {
        var db = MigratedDatabase.get();
        // Command-line arguments, like the environment, outrank application.yaml.
        return new SpringApplicationBuilder(BackApplication.class).run("--server.port=0", "--management.server.port=0",
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--domaindesk.jwt.secret=" + secret);
    }

    private static RestTestClient replicaClient(ConfigurableApplicationContext replica) {
        int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

}
