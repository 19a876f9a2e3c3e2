package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.domaindesk.back.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Every error status the API answers (docs/api.md, "Errors"), as RFC 9457 problem
 * details, never a stack trace.
 */
class ErrorContractTest extends ApiTest {

    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void malformedJsonIs400() {
        assertProblem(post("/api/v1/domains", "{\"name\": \"x.com\",", MediaType.APPLICATION_JSON_VALUE), 400);
    }

    @Test
    void unknownFieldIs400NamingTheField() {
        var answer = post("/api/v1/domains",
                "{\"name\":\"x.example.com\",\"expiresAt\":\"2030-01-01\",\"ownerId\":1,\"colour\":\"red\"}",
                MediaType.APPLICATION_JSON_VALUE);
        assertProblem(answer, 400);
        assertThat(answer.body()).contains("\"field\":\"colour\"");
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        var answer = post("/api/v1/domains", "{\"name\":\"x.example.com\",\"expiresAt\":\"next year\",\"ownerId\":1}",
                MediaType.APPLICATION_JSON_VALUE);
        assertProblem(answer, 400);
        assertThat(answer.body()).contains("\"field\":\"expiresAt\"");
        var wrongId = post("/api/v1/domains",
                "{\"name\":\"x.example.com\",\"expiresAt\":\"2030-01-01\",\"ownerId\":\"one\"}",
                MediaType.APPLICATION_JSON_VALUE);
        assertProblem(wrongId, 400);
        assertThat(wrongId.body()).contains("\"field\":\"ownerId\"");
    }

    @Test
    void invalidValueIs400WithFieldErrors() {
        var answer = post("/api/v1/domains", "{\"name\":\"NOT VALID\",\"expiresAt\":\"2030-01-01\",\"ownerId\":1}",
                MediaType.APPLICATION_JSON_VALUE);
        assertProblem(answer, 400);
        assertThat(answer.body()).contains("\"errors\":[{\"field\":\"name\"");
    }

    @Test
    void missingTokenIs401WithBearerChallenge() {
        http.get()
            .uri("/api/v1/domains")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(401);
    }

    @Test
    void invalidTokenIs401() {
        http.get()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void missingRoleIs403() {
        http.get()
            .uri("/api/v1/users")
            .header(HttpHeaders.AUTHORIZATION, newUser().bearer())
            .exchange()
            .expectStatus()
            .isForbidden()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.title")
            .isEqualTo("Forbidden");
    }

    @Test
    void unknownPathIs404() {
        http.get()
            .uri("/api/v1/nothing-here")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void declaredBodyOverOneMebibyteIs413() {
        String big = "{\"notes\":\"" + "x".repeat(ONE_MIB) + "\"}";
        assertProblem(post("/api/v1/domains", big, MediaType.APPLICATION_JSON_VALUE), 413);
    }

    @Test
    void chunkedBodyOverOneMebibyteIs413() throws Exception {
        byte[] big = ("{\"notes\":\"" + "x".repeat(2 * ONE_MIB) + "\"}").getBytes();
        // An InputStream publisher has no known length: the body goes out chunked.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/domains"))
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(big)))
            .build();
        assertProblem(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()), 413);
    }

    @Test
    void wrongContentTypeIs415() {
        assertProblem(post("/api/v1/domains", "name=x.example.com", MediaType.APPLICATION_FORM_URLENCODED_VALUE), 415);
        assertProblem(post("/api/v1/domains", "<domain/>", MediaType.APPLICATION_XML_VALUE), 415);
    }

    @Test
    void problemsCarryTheFieldsOfRfc9457() {
        http.get()
            .uri("/api/v1/domains/424242")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectBody()
            .jsonPath("$.type")
            .isEqualTo("urn:problem-type:domaindesk:not-found")
            .jsonPath("$.title")
            .isEqualTo("Not Found")
            .jsonPath("$.status")
            .isEqualTo(404)
            .jsonPath("$.detail")
            .isEqualTo("No domain with id 424242.")
            .jsonPath("$.instance")
            .isEqualTo("/api/v1/domains/424242");
    }

    private HttpResponse<String> post(String path, String body, String contentType) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE))
            .hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(answer.body()).contains("\"status\":" + status)
            .contains("\"title\":")
            .contains("\"detail\":")
            .doesNotContain("Exception")
            .doesNotContain("\tat ")
            .doesNotContain("trace");
    }

}
