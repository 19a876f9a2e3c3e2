package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.web.RawHttp.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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

    @ParameterizedTest(name = "GET {0}?page=2147483647 → 400")
    @ValueSource(strings = { "/api/v1/domains", "/api/v1/users" })
    void pageBeyondTheLastAddressableRowIs400(String list) {
        var answer = raw(Request.of("GET", list + "?page=2147483647", admin(), null));
        assertProblem(answer, 400);
        assertThat(answer.body()).contains("\"field\":\"page\"");
    }

    @ParameterizedTest(name = "GET {0} → 400")
    @ValueSource(strings = { "/api/v1/domains?q=%ED%A0%80", "/api/v1/users?q=%ED%A0%80", "/api/v1/domains?q=%",
            "/api/v1/users?q=%", "/api/v1/domains?q=%4", "/api/v1/users?sort=%25_%5C" })
    void undecodableQueryStringIs400(String target) {
        assertProblem(raw(Request.of("GET", target, admin(), null)), 400);
    }

    @Test
    void headWithAnUndecodableSortIs400LikeGet() {
        var answer = raw(Request.of("HEAD", "/api/v1/domains?sort=%25_%5C", admin(), null));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @ParameterizedTest(name = "{0} {1} with a broken multipart body → 415")
    @CsvSource({ "POST, /api/v1/auth/token", "POST, /api/v1/users", "POST, /api/v1/domains", "PATCH, /api/v1/users/1",
            "PATCH, /api/v1/domains/1" })
    void multipartBodyIs415(String method, String path) {
        Map<String, String> headers = new LinkedHashMap<>(admin());
        headers.put(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=b");
        assertProblem(raw(Request.of(method, path, headers, "--b\r\n\r\n--b--")), 415);
    }

    @Test
    void wildcardContentTypeIs415() {
        Map<String, String> headers = new LinkedHashMap<>(admin());
        headers.put(HttpHeaders.CONTENT_TYPE, "application/*");
        assertProblem(raw(Request.of("POST", "/api/v1/domains", headers, "{}")), 415);
    }

    @Test
    void requestLineOverTheHeaderLimitIs400() {
        var answer = raw(Request.of("GET", "/api/v1/domains?q=" + "a".repeat(10_000), admin(), null));
        assertProblem(answer, 400);
        assertThat(answer.body()).contains("8 KiB");
    }

    @ParameterizedTest(name = "{0} → 405")
    @ValueSource(strings = { "TRACE", "CONNECT", "FOO" })
    void methodOutsideTheApiIs405(String method) {
        assertProblem(raw(Request.of(method, "/api/v1/domains", admin(), null)), 405);
    }

    @Test
    void pathTheFirewallRejectsIs400() {
        assertProblem(raw(Request.of("GET", "/api/v1/users/../", admin(), null)), 400);
        assertProblem(raw(Request.of("GET", "/api/v1/users/%2e%2e/roles", admin(), null)), 400);
    }

    @Test
    void errorPathCalledDirectlyIs404() {
        assertProblem(raw(Request.of("GET", "/error", admin(), null)), 404);
    }

    @Test
    void unparseableAcceptStillGetsAProblem() {
        Map<String, String> headers = new LinkedHashMap<>(admin());
        headers.put(HttpHeaders.ACCEPT, "x/y;q=abc");
        assertProblem(raw(Request.of("GET", "/api/v1/domains", headers, null)), 406);
        assertProblem(raw(Request.of("GET", "/api/v1/domains/424242", headers, null)), 404);
    }

    @ParameterizedTest(name = "body {0} → 400 naming no class")
    @ValueSource(strings = { "[]", "\"text\"", "1" })
    void bodyThatIsNotAnObjectIs400NamingNoClass(String body) {
        var answer = post("/api/v1/domains", body, MediaType.APPLICATION_JSON_VALUE);
        assertProblem(answer, 400);
        assertThat(answer.body()).contains("must be a JSON object").doesNotContain("DomainDtos").doesNotContain("$");
    }

    @Test
    void jsonNestedTooDeeplyIs400NamingNoSetting() {
        var answer = post("/api/v1/domains", "[".repeat(1200), MediaType.APPLICATION_JSON_VALUE);
        assertProblem(answer, 400);
        assertThat(answer.body()).doesNotContain("StreamReadConstraints").doesNotContain("JsonToken");
        var deep = post("/api/v1/domains", "{\"a\":".repeat(1200) + "1", MediaType.APPLICATION_JSON_VALUE);
        assertProblem(deep, 400);
        assertThat(deep.body()).contains("nested too deeply").doesNotContain("StreamReadConstraints");
    }

    @ParameterizedTest(name = "expiresAt {0} → 400 naming the field")
    @ValueSource(strings = { "\"-0001-01-01\"", "\"+10000-01-01\"", "\"0000-01-01\"", "20000", "\"2030-02-30\"",
            "\"2030-1-1\"", "\"2030-01-01T00:00:00Z\"" })
    void dateOutsideIsoYears0001To9999Is400(String expiresAt) {
        var answer = post("/api/v1/domains",
                "{\"name\":\"" + uniqueDomain() + "\",\"expiresAt\":" + expiresAt + ",\"ownerId\":1}",
                MediaType.APPLICATION_JSON_VALUE);
        assertProblem(answer, 400);
        assertThat(answer.body()).contains("\"field\":\"expiresAt\"");
    }

    @Test
    void datesAtTheEdgesOfTheRangeAreStoredAsSent() {
        for (String date : List.of("0001-01-01", "9999-12-31")) {
            long id = newDomain(uniqueDomain(), date);
            http.get()
                .uri("/api/v1/domains/" + id)
                .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
                .exchange()
                .expectBody()
                .jsonPath("$.expiresAt")
                .isEqualTo(date);
        }
    }

    @Test
    void nonDecimalIdIs400AndChangesNothing() {
        long id = newDomain(uniqueDomain(), "2031-01-01");
        for (String notDecimal : List.of("0x" + Long.toHexString(id), "%23" + Long.toHexString(id), "%2B" + id,
                "99999999999999999999")) {
            var answer = raw(Request.of("DELETE", "/api/v1/domains/" + notDecimal, admin(), null));
            assertProblem(answer, 400);
            assertThat(answer.body()).contains("\"field\":\"id\"");
        }
        assertProblem(raw(Request.of("GET", "/api/v1/domains?expiringWithinDays=2147483648", admin(), null)), 400);
        http.get()
            .uri("/api/v1/domains/" + id)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk();
    }

    private Map<String, String> admin() {
        return Map.of(HttpHeaders.AUTHORIZATION, bearer(adminToken()));
    }

    private RawHttp.Response raw(Request request) {
        return new RawHttp(port).send(request);
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

    static void assertProblem(RawHttp.Response answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertDescribes(answer.body(), status);
    }

    static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE))
            .hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertDescribes(answer.body(), status);
    }

    private static void assertDescribes(String body, int status) {
        assertThat(body).contains("\"status\":" + status)
            .contains("\"title\":")
            .contains("\"detail\":")
            .doesNotContain("Exception")
            .doesNotContain("\tat ")
            .doesNotContain("trace");
    }

}
