package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.domaindesk.back.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.web.authentication.Http403ForbiddenEntryPoint;
import org.springframework.util.NumberUtils;
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
    void springReadsHexadecimalIdsButTheApiRefusesThem() {
        assertThat(NumberUtils.parseNumber("0x10", Long.class)).isEqualTo(16L);
        assertThat(NumberUtils.parseNumber("#10", Long.class)).isEqualTo(16L);
        http.delete()
            .uri("/api/v1/domains/0x10")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("id");
    }

    @Test
    void jacksonReadsIntegersAndSignedYearsAsDatesButTheApiRefusesThem() {
        JsonMapper jackson = JsonMapper.builder().build();
        assertThat(jackson.readValue("20000", LocalDate.class)).isEqualTo(LocalDate.of(2024, 10, 4));
        assertThat(jackson.readValue("\"-0001-01-01\"", LocalDate.class)).hasYear(-1);
        for (String expiresAt : List.of("20000", "\"-0001-01-01\"")) {
            http.post()
                .uri("/api/v1/domains")
                .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"" + uniqueDomain() + "\",\"expiresAt\":" + expiresAt + ",\"ownerId\":1}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("expiresAt");
        }
    }

    @Test
    void springBootWouldAnswerErrorsOutsideMvcWithItsOwnJsonButTheApiWithProblems() {
        // TRACE is refused by Tomcat and forwarded to /error, where Spring Boot's
        // BasicErrorController would write {timestamp, status, error, path}.
        RawHttp.Response trace = new RawHttp(port).send(RawHttp.Request.of("TRACE", "/api/v1/domains", Map.of(), null));
        assertThat(trace.status()).isEqualTo(405);
        assertThat(trace.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(trace.body()).contains("\"type\":\"urn:problem-type:domaindesk:method-not-allowed\"")
            .doesNotContain("timestamp");
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
