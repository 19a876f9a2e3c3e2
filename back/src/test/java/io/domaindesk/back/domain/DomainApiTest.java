package io.domaindesk.back.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.Concurrently;
import io.domaindesk.back.user.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

class DomainApiTest extends ApiTest {

    private static String inDays(int days) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(days).toString();
    }

    @Test
    void createsReadsUpdatesAndDeletesADomain() {
        String name = uniqueDomain();
        Map<?, ?> me = http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .returnResult(Map.class)
            .getResponseBody();

        var created = http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", name, "registrar", "Gandi", "expiresAt", "2031-02-03", "ownerId", me.get("id"),
                    "notes", "main site"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .exists(HttpHeaders.ETAG)
            .returnResult(Map.class);
        String location = created.getResponseHeaders().getLocation().toString();
        assertThat(location).matches("/api/v1/domains/\\d+");

        http.get()
            .uri(location)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals(HttpHeaders.ETAG, "\"0\"")
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo(name)
            .jsonPath("$.registrar")
            .isEqualTo("Gandi")
            .jsonPath("$.expiresAt")
            .isEqualTo("2031-02-03")
            .jsonPath("$.owner.email")
            .isEqualTo(me.get("email"))
            .jsonPath("$.notes")
            .isEqualTo("main site")
            .jsonPath("$.createdAt")
            .isNotEmpty();

        http.patch()
            .uri(location)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .header(HttpHeaders.IF_MATCH, "\"0\"")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("expiresAt", "2032-01-01", "notes", ""))
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals(HttpHeaders.ETAG, "\"1\"")
            .expectBody()
            .jsonPath("$.expiresAt")
            .isEqualTo("2032-01-01")
            .jsonPath("$.registrar")
            .isEqualTo("Gandi")
            .jsonPath("$.notes")
            .doesNotExist();

        http.delete()
            .uri(location)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isNoContent();
        http.get()
            .uri(location)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void staleIfMatchIsRefusedWith412AndChangesNothing() {
        long id = newDomain(uniqueDomain(), "2030-01-01");
        String path = "/api/v1/domains/" + id;
        http.patch()
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("registrar", "First"))
            .exchange()
            .expectStatus()
            .isOk();

        http.patch()
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .header(HttpHeaders.IF_MATCH, "\"0\"")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("registrar", "Second"))
            .exchange()
            .expectStatus()
            .isEqualTo(412)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(412);

        http.get()
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectBody()
            .jsonPath("$.registrar")
            .isEqualTo("First");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aTakenNameIsRefusedWith409(CapturedOutput log) {
        String name = uniqueDomain();
        newDomain(name, "2030-01-01");

        createDomain(adminToken(), name, userId(adminToken())).expectStatus()
            .isEqualTo(409)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Domain " + name + " is already in the inventory.");
        assertThat(domainsNamed(name)).isEqualTo(1);
        assertThat(log).as("the refused statement is not logged: a client's conflict is no fault").doesNotContain(name);
    }

    @Test
    void renamingToATakenNameIsRefusedWith409AndChangesNothing() {
        String taken = uniqueDomain();
        newDomain(taken, "2030-01-01");
        String name = uniqueDomain();
        long id = newDomain(name, "2030-01-01");

        http.patch()
            .uri("/api/v1/domains/" + id)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", taken, "registrar", "Other"))
            .exchange()
            .expectStatus()
            .isEqualTo(409)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Domain " + taken + " is already in the inventory.");
        http.get()
            .uri("/api/v1/domains/" + id)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectHeader()
            .valueEquals(HttpHeaders.ETAG, "\"0\"")
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo(name)
            .jsonPath("$.registrar")
            .isEqualTo("Gandi");
    }

    /**
     * The unique key, not a check before the insert, decides: one create wins the race.
     */
    @Test
    void concurrentCreatesOfOneNameAddItOnce() throws Exception {
        String name = uniqueDomain();
        String token = adminToken();
        long ownerId = userId(token);

        List<String> answers = Concurrently.run(8, i -> {
            var result = createDomain(token, name, ownerId).returnResult(Map.class);
            return result.getStatus().value() + " " + result.getResponseBody().get("detail");
        });

        assertThat(answers).containsOnlyOnce("201 null")
            .filteredOn(answer -> !answer.startsWith("201"))
            .containsOnly("409 Domain " + name + " is already in the inventory.")
            .hasSize(7);
        assertThat(domainsNamed(name)).isEqualTo(1);
    }

    private RestTestClient.ResponseSpec createDomain(String token, String name, long ownerId) {
        return http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer(token))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", name, "expiresAt", "2030-01-01", "ownerId", ownerId))
            .exchange();
    }

    private long domainsNamed(String name) {
        Map<?, ?> page = http.get()
            .uri("/api/v1/domains?q={name}", name)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .returnResult(Map.class)
            .getResponseBody();
        return content(page).size();
    }

    @Test
    void invalidFieldsAreReportedOneByOne() {
        http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", "Not A Domain", "registrar", "x".repeat(101)))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.errors[*].field")
            .value((List<String> fields) -> assertThat(fields).contains("name", "registrar", "expiresAt", "ownerId"));
    }

    @Test
    void unknownOwnerIsAFieldError() {
        http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", uniqueDomain(), "expiresAt", "2030-01-01", "ownerId", 987654321))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("ownerId");
    }

    @Test
    void searchFindsByPartOfTheNameAndEscapesWildcards() {
        String name = uniqueDomain();
        newDomain(name, "2030-01-01");
        http.get()
            .uri("/api/v1/domains?q={q}", name.substring(1, 9).toUpperCase())
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.content[*].name")
            .value((List<String> names) -> assertThat(names).contains(name));
        http.get()
            .uri("/api/v1/domains?q=%25")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.page.totalElements")
            .isEqualTo(0);
    }

    @Test
    void expiringWithinDaysKeepsDomainsThatExpireBeforeTheHorizon() {
        String soon = uniqueDomain();
        String later = uniqueDomain();
        String expired = uniqueDomain();
        newDomain(soon, inDays(10));
        newDomain(later, inDays(90));
        newDomain(expired, inDays(-3));
        http.get()
            .uri("/api/v1/domains?expiringWithinDays=30&size=100&sort=expiresAt,asc")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.content[*].name")
            .value((List<String> names) -> assertThat(names).contains(soon))
            .jsonPath("$.content[*].name")
            .value((List<String> names) -> assertThat(names).contains(expired))
            .jsonPath("$.content[*].name")
            .value((List<String> names) -> assertThat(names).doesNotContain(later));
        http.get()
            .uri("/api/v1/domains?expiringWithinDays=-1")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("expiringWithinDays");
        http.get()
            .uri("/api/v1/domains?expiringWithinDays=soon")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isBadRequest();
    }

    @Test
    void pagesAreSortedAndShapedAsTheContractSays() {
        String prefix = "p" + System.nanoTime();
        for (String label : List.of("c", "a", "b")) {
            newDomain(prefix + label + ".example.org", "2030-01-01");
        }
        http.get()
            .uri("/api/v1/domains?q={q}&sort=name,desc&size=2&page=0", prefix)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.content.length()")
            .isEqualTo(2)
            .jsonPath("$.content[0].name")
            .isEqualTo(prefix + "c.example.org")
            .jsonPath("$.content[1].name")
            .isEqualTo(prefix + "b.example.org")
            .jsonPath("$.page.number")
            .isEqualTo(0)
            .jsonPath("$.page.size")
            .isEqualTo(2)
            .jsonPath("$.page.totalElements")
            .isEqualTo(3)
            .jsonPath("$.page.totalPages")
            .isEqualTo(2);
    }

    @Test
    void aPageHolds20DomainsUnlessAskedOtherwise() {
        http.get()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.page.size")
            .isEqualTo(20);
    }

    @Test
    void sortingOnAnUnlistedFieldIs400() {
        http.get()
            .uri("/api/v1/domains?sort=owner.passwordHash,asc")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void unknownIdIs404() {
        http.get()
            .uri("/api/v1/domains/99999999")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectBody()
            .jsonPath("$.title")
            .isEqualTo("Not Found");
        http.patch()
            .uri("/api/v1/domains/99999999")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("notes", "x"))
            .exchange()
            .expectStatus()
            .isNotFound();
        http.delete()
            .uri("/api/v1/domains/99999999")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isNotFound();
    }

    /**
     * domains:write may name any user as owner; without users:read it must not learn
     * their e-mail or name that way. Readers of users see the whole owner.
     */
    @Test
    void ownersAreOnlyAnIdToCallersWhoMayNotReadUsers() {
        NewUser someone = newUser(Role.USER_READ);
        NewUser writer = newUser(Role.DOMAIN_WRITE);
        Map<?, ?> created = http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, writer.bearer())
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", uniqueDomain(), "expiresAt", "2030-01-01", "ownerId", someone.id()))
            .exchange()
            .expectStatus()
            .isCreated()
            .returnResult(Map.class)
            .getResponseBody();
        assertThat(created.get("owner")).isEqualTo(Map.of("id", (int) someone.id()));
        String path = "/api/v1/domains/" + created.get("id");

        for (String answer : List.of(body(writer.bearer(), http.get().uri(path)),
                body(writer.bearer(), http.get().uri("/api/v1/domains?q={q}", created.get("name"))),
                body(writer.bearer(),
                        http.patch()
                            .uri(path)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of("ownerId", someone.id()))))) {
            assertThat(answer).contains("\"owner\":{\"id\":" + someone.id() + "}")
                .doesNotContain(someone.email())
                .doesNotContain("firstName");
        }

        NewUser auditor = newUser(Role.AUDITOR);
        http.get()
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, auditor.bearer())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.owner.email")
            .isEqualTo(someone.email())
            .jsonPath("$.owner.firstName")
            .isEqualTo("Test");
    }

    /**
     * Without If-Match nobody asked for a precondition: concurrent changes all apply, one
     * after the other, and none is answered 412.
     */
    @Test
    void concurrentChangesWithoutIfMatchAllApply() throws Exception {
        long id = newDomain(uniqueDomain(), "2030-01-01");
        String token = adminToken();
        int writers = 8;
        List<Integer> statuses = Concurrently.run(writers,
                i -> http.patch()
                    .uri("/api/v1/domains/" + id)
                    .header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("notes", "writer " + i))
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value());

        assertThat(statuses).containsOnly(200);
        http.get()
            .uri("/api/v1/domains/" + id)
            .header(HttpHeaders.AUTHORIZATION, bearer(token))
            .exchange()
            .expectHeader()
            .valueEquals(HttpHeaders.ETAG, "\"" + writers + "\"");
    }

    private static String body(String bearer, RestTestClient.RequestHeadersSpec<?> request) {
        return request.header(HttpHeaders.AUTHORIZATION, bearer)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody();
    }

}
