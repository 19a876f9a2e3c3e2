package io.domaindesk.back.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.Concurrently;
import io.domaindesk.back.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class UserApiTest extends ApiTest {

    @Test
    void meIsTheCaller() {
        NewUser reader = newUser(Role.DOMAIN_READ);
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, reader.bearer())
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .exists(HttpHeaders.ETAG)
            .expectBody()
            .jsonPath("$.id")
            .isEqualTo((int) reader.id())
            .jsonPath("$.email")
            .isEqualTo(reader.email())
            .jsonPath("$.roles")
            .isEqualTo(List.of(Role.DOMAIN_READ));
    }

    /** Written out by hand: what the UI is told each role may do. */
    static Stream<Arguments> permissionsOfEachRole() {
        return Stream.of(
                Arguments.of(Set.of(Role.ADMIN),
                        List.of("domains:read", "domains:write", "users:read", "users:write", "users:delete")),
                Arguments.of(Set.of(Role.USER_READ), List.of("users:read")),
                Arguments.of(Set.of(Role.USER_WRITE), List.of("users:write")),
                Arguments.of(Set.of(Role.DOMAIN_READ), List.of("domains:read")),
                Arguments.of(Set.of(Role.DOMAIN_WRITE), List.of("domains:read", "domains:write")),
                Arguments.of(Set.of(Role.AUDITOR), List.of("domains:read", "users:read")),
                Arguments.of(Set.of(), List.of()),
                // Roles add up.
                Arguments.of(Set.of(Role.DOMAIN_READ, Role.USER_WRITE), List.of("domains:read", "users:write")));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("permissionsOfEachRole")
    void meListsThePermissionsTheCallersRolesGrant(Set<String> roles, List<String> permissions) {
        NewUser user = newUser(roles.toArray(String[]::new));
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, user.bearer())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.permissions")
            .isEqualTo(permissions);
    }

    @Test
    void theSixRolesAreListed() {
        http.get()
            .uri("/api/v1/roles")
            .header(HttpHeaders.AUTHORIZATION, newUser().bearer())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$[*].name")
            .isEqualTo(List.of("ADMIN", "AUDITOR", "DOMAIN_READ", "DOMAIN_WRITE", "USER_READ", "USER_WRITE"));
    }

    @Test
    void createsListsUpdatesAndDeletesAUser() {
        var created = http.post()
            .uri("/api/v1/users")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", "Ada.Lovelace@Example.TEST", "firstName", "Ada", "lastName", "Lovelace", "password",
                    "analytical-engine-1843", "roles", Set.of(Role.DOMAIN_WRITE)))
            .exchange()
            .expectStatus()
            .isCreated()
            .returnResult(Map.class);
        String location = created.getResponseHeaders().getLocation().toString();
        assertThat(created.getResponseBody().get("email")).isEqualTo("ada.lovelace@example.test");

        http.get()
            .uri("/api/v1/users?q=lovelace")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.content[*].email")
            .value((List<String> names) -> assertThat(names).contains("ada.lovelace@example.test"));

        http.patch()
            .uri(location)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .header(HttpHeaders.IF_MATCH, "\"0\"")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("lastName", "King", "roles", Set.of(Role.DOMAIN_READ, Role.AUDITOR)))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.lastName")
            .isEqualTo("King")
            .jsonPath("$.firstName")
            .isEqualTo("Ada");

        // The new password works, the old one does not.
        http.patch()
            .uri(location)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("password", "difference-engine-1822"))
            .exchange()
            .expectStatus()
            .isOk();
        token("ada.lovelace@example.test", "difference-engine-1822");

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
            .isNotFound();
    }

    @Test
    void duplicateEmailIs409WhateverItsCase() {
        NewUser user = newUser();
        http.post()
            .uri("/api/v1/users")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", user.email().toUpperCase(), "firstName", "A", "lastName", "B", "password",
                    "long-enough-password", "roles", Set.of()))
            .exchange()
            .expectStatus()
            .isEqualTo(409)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("A user with e-mail " + user.email() + " already exists.");
    }

    @Test
    void changingToATakenEmailIsRefusedWith409AndChangesNothing() {
        NewUser taken = newUser();
        NewUser user = newUser();
        http.patch()
            .uri("/api/v1/users/" + user.id())
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", taken.email(), "firstName", "Changed"))
            .exchange()
            .expectStatus()
            .isEqualTo(409)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("A user with e-mail " + taken.email() + " already exists.");
        http.get()
            .uri("/api/v1/users/" + user.id())
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectBody()
            .jsonPath("$.email")
            .isEqualTo(user.email())
            .jsonPath("$.firstName")
            .isEqualTo("Test");
        // The refused change did not revoke the user's token either.
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, user.bearer())
            .exchange()
            .expectStatus()
            .isOk();
    }

    @Test
    void passwordsOver72BytesAreRefusedNotTruncated() {
        String seventyThreeBytes = "é".repeat(36) + "x"; // 36 × 2 bytes + 1
        http.post()
            .uri("/api/v1/users")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", "long@domaindesk.test", "firstName", "A", "lastName", "B", "password",
                    seventyThreeBytes, "roles", Set.of()))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("password");
    }

    @Test
    void unknownRolesAndBadEmailsAreFieldErrors() {
        http.post()
            .uri("/api/v1/users")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", "someone@domaindesk.test", "firstName", "A", "lastName", "B", "password",
                    "long-enough-password", "roles", Set.of("KING")))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field")
            .isEqualTo("roles");
        http.post()
            .uri("/api/v1/users")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", "not-an-email", "firstName", "A", "lastName", "B", "password", "short", "roles",
                    Set.of()))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.errors[*].field")
            .isEqualTo(List.of("email", "password"));
    }

    @Test
    void onlyAnAdministratorMayGrantTheAdminRole() {
        NewUser userWriter = newUser(Role.USER_WRITE);
        http.post()
            .uri("/api/v1/users")
            .header(HttpHeaders.AUTHORIZATION, userWriter.bearer())
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("email", "sneaky@domaindesk.test", "firstName", "A", "lastName", "B", "password",
                    "long-enough-password", "roles", Set.of(Role.ADMIN)))
            .exchange()
            .expectStatus()
            .isForbidden();
        http.patch()
            .uri("/api/v1/users/" + userWriter.id())
            .header(HttpHeaders.AUTHORIZATION, userWriter.bearer())
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("roles", Set.of(Role.ADMIN)))
            .exchange()
            .expectStatus()
            .isForbidden();
    }

    @Test
    void anAdministratorCannotDeleteItselfNorAUserWhoOwnsDomains() {
        Map<?, ?> me = http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .returnResult(Map.class)
            .getResponseBody();
        http.delete()
            .uri("/api/v1/users/" + me.get("id"))
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isEqualTo(409);

        NewUser owner = newUser(Role.DOMAIN_WRITE);
        http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, owner.bearer())
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", uniqueDomain(), "expiresAt", "2030-01-01", "ownerId", owner.id()))
            .exchange()
            .expectStatus()
            .isCreated();
        http.delete()
            .uri("/api/v1/users/" + owner.id())
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isEqualTo(409)
            .expectBody()
            .jsonPath("$.detail")
            .value(detail -> assertThat((String) detail).contains("owns domains"));
    }

    @Test
    void staleIfMatchIs412() {
        NewUser user = newUser();
        http.patch()
            .uri("/api/v1/users/" + user.id())
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .header(HttpHeaders.IF_MATCH, "\"41\"")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("firstName", "Changed"))
            .exchange()
            .expectStatus()
            .isEqualTo(412);
    }

    /** Without If-Match, concurrent changes all apply one after the other: no 412. */
    @Test
    void concurrentChangesWithoutIfMatchAllApply() throws Exception {
        NewUser user = newUser();
        String token = adminToken();
        int writers = 6;
        List<Integer> statuses = Concurrently.run(writers,
                i -> http.patch()
                    .uri("/api/v1/users/" + user.id())
                    .header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("firstName", "Writer " + i))
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value());

        assertThat(statuses).containsOnly(200);
        http.get()
            .uri("/api/v1/users/" + user.id())
            .header(HttpHeaders.AUTHORIZATION, bearer(token))
            .exchange()
            .expectHeader()
            .valueEquals(HttpHeaders.ETAG, "\"" + writers + "\"");
    }

    @Test
    void noAnswerEverCarriesAPasswordOrItsHash() {
        NewUser user = newUser(Role.USER_READ, Role.USER_WRITE);
        List<String> bodies = List.of(
                body(http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, user.bearer())),
                body(http.get().uri("/api/v1/users/" + user.id()).header(HttpHeaders.AUTHORIZATION, user.bearer())),
                body(http.get().uri("/api/v1/users?size=100").header(HttpHeaders.AUTHORIZATION, user.bearer())),
                body(http.post()
                    .uri("/api/v1/users")
                    .header(HttpHeaders.AUTHORIZATION, user.bearer())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("email", "fresh-" + user.email(), "firstName", "A", "lastName", "B", "password",
                            "yet-another-password", "roles", Set.of()))),
                // Last: the new password revokes the token used so far.
                body(http.patch()
                    .uri("/api/v1/users/" + user.id())
                    .header(HttpHeaders.AUTHORIZATION, user.bearer())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("password", "another-long-password"))));
        for (String body : bodies) {
            assertThat(body).doesNotContainIgnoringCase("password")
                .doesNotContain("{bcrypt}")
                .doesNotContain("$2a$")
                .doesNotContain("$2b$")
                .doesNotContain(user.password())
                .doesNotContain(MigratedDatabase.ADMIN_PASSWORD);
        }
    }

    private static String body(
            org.springframework.test.web.servlet.client.RestTestClient.RequestHeadersSpec<?> request) {
        return request.exchange().expectStatus().is2xxSuccessful().returnResult(String.class).getResponseBody();
    }

}
