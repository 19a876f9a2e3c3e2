package io.domaindesk.back.health;

import io.domaindesk.back.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A back built for a newer schema than the database has takes no traffic. */
@TestPropertySource(properties = "domaindesk.schema.required-tag=v999")
class SchemaVersionTest extends ApiTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void readinessIsDownWhileTheSchemaIsOlderThanTheBuildNeeds() {
        RestTestClient management = RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        management.get()
            .uri("/actuator/health/readiness")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("DOWN");
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

}
