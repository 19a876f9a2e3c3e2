package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.domaindesk.back.ApiTest;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description is served at /api/v1/openapi.json and written by the build to
 * back/target/openapi.json, for API clients and docs.
 */
class OpenApiDocumentTest extends ApiTest {

    @Test
    void describesEveryEndpointOfTheContractAndIsWrittenToTarget() throws Exception {
        String document = http.get()
            .uri("/api/v1/openapi.json")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody();
        assertThat(document).contains("\"openapi\":\"3.")
            .contains("\"/api/v1/auth/token\"", "\"/api/v1/users/me\"", "\"/api/v1/roles\"", "\"/api/v1/users\"",
                    "\"/api/v1/users/{id}\"", "\"/api/v1/domains\"", "\"/api/v1/domains/{id}\"")
            .doesNotContain("/actuator");
        Files.writeString(Path.of("target", "openapi.json"), document);
    }

    @Test
    void swaggerUiIsServedUnderTheApiPath() {
        String page = http.get()
            .uri("/api/v1/docs")
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .returnResult(String.class)
            .getResponseHeaders()
            .getLocation()
            .toString();
        assertThat(page).startsWith("/api/v1/");
        assertThat(http.get().uri(page).exchange().expectStatus().isOk().returnResult(String.class).getResponseBody())
            .contains("swagger-ui");
    }

}
