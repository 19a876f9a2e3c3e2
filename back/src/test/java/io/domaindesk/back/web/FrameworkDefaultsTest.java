package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.Map;

import io.domaindesk.back.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.web.authentication.Http403ForbiddenEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * Defaults that changed with Spring Boot 4 (or were never safe), each shown as the
 * framework default and then as what this API does instead.
 */
class FrameworkDefaultsTest extends ApiTest {

    record Probe(String name) {
    }

    @Test
    void jackson3IgnoresUnknownFieldsByDefaultButTheApiRejectsThem() {
        assertThatNoException()
            .isThrownBy(() -> JsonMapper.builder().build().readValue("{\"name\":\"a\",\"extra\":1}", Probe.class));
        http.post()
            .uri("/api/v1/auth/token")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", "a@b.c", "password", "x", "extra", 1))
            .exchange()
            .expectStatus()
            .isBadRequest();
    }

    @Test
    void springDataWouldServe2000RowsAPageButTheApiCapsAt100() {
        assertThat(
                new org.springframework.boot.data.autoconfigure.web.DataWebProperties().getPageable().getMaxPageSize())
            .isEqualTo(2000);
        http.get()
            .uri("/api/v1/domains?size=5000")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.page.size")
            .isEqualTo(100);
    }

    @Test
    void springSecurityWouldAnswer403WithoutAnEntryPointButTheApiAnswers401() throws Exception {
        // What ExceptionTranslationFilter falls back to when no entry point is
        // configured.
        MockHttpServletResponse fallback = new MockHttpServletResponse();
        new Http403ForbiddenEntryPoint().commence(new MockHttpServletRequest(), fallback,
                new InsufficientAuthenticationException("no token"));
        assertThat(fallback.getStatus()).isEqualTo(403);
        http.get().uri("/api/v1/users/me").exchange().expectStatus().isUnauthorized();
    }

}
