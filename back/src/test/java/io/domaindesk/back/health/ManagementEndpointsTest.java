package io.domaindesk.back.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.domaindesk.back.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Probes, metrics and info live on the management port only. */
class ManagementEndpointsTest extends ApiTest {

    @LocalManagementPort
    int managementPort;

    RestTestClient management;

    @BeforeEach
    void managementClient() {
        management = RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }

    @Test
    void readinessIsUpOnceTheSchemaIsMigrated() {
        management.get()
            .uri("/actuator/health/readiness")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("UP");
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void prometheusMetricsIncludeHttpAndPoolMetrics() {
        http.get().uri("/api/v1/roles").header(HttpHeaders.AUTHORIZATION, bearer(adminToken())).exchange();
        String metrics = management.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody();
        assertThat(metrics).contains("http_server_requests_seconds_count")
            .contains("hikaricp_connections_active")
            .contains("application=\"back\"");
    }

    @Test
    void infoNamesTheInstanceAndTheBuild() {
        management.get()
            .uri("/actuator/info")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.instance")
            .isNotEmpty()
            .jsonPath("$.build.artifact")
            .isEqualTo("back");
    }

    @Test
    void everyApiAnswerNamesTheReplica() {
        http.get().uri("/api/v1/roles").exchange().expectHeader().exists("X-Instance-Id");
    }

    @Test
    void actuatorIsNotServedOnTheApiPort() {
        http.get()
            .uri("/actuator/health")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isNotFound();
    }

}
