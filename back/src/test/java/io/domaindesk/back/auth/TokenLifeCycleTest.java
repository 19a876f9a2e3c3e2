package io.domaindesk.back.auth;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.user.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A token stops working the moment its account is deleted or its e-mail, password or
 * roles change, not when it expires; other changes leave it valid.
 */
class TokenLifeCycleTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aDeletedUsersTokenIsRefusedAtOnce() {
        NewUser writer = newUser(Role.DOMAIN_WRITE);
        assertCreatesADomain(writer.bearer());

        asAdmin(http.delete().uri("/api/v1/users/" + writer.id())).expectStatus().isNoContent();

        http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, writer.bearer())
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", uniqueDomain(), "expiresAt", "2030-01-01", "ownerId", adminId()))
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectHeader()
            .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*");
    }

    @Test
    void removingRolesRevokesTheTokensThatCarryThem() {
        NewUser writer = newUser(Role.DOMAIN_WRITE);

        patchAsAdmin(writer.id(), Map.of("roles", Set.of(Role.DOMAIN_READ)));

        http.get()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, writer.bearer())
            .exchange()
            .expectStatus()
            .isUnauthorized();
        // Signing in again gives a token with the roles as they are now.
        String again = token(writer.email(), writer.password());
        http.get()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer(again))
            .exchange()
            .expectStatus()
            .isOk();
        http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer(again))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", uniqueDomain(), "expiresAt", "2030-01-01", "ownerId", writer.id()))
            .exchange()
            .expectStatus()
            .isForbidden();
    }

    @Test
    void aNewPasswordRevokesTheTokensIssuedBefore() {
        NewUser writer = newUser(Role.DOMAIN_WRITE);
        // Used just before: its account's token version is remembered now.
        meAnswers(writer.bearer(), 200);

        patchAsAdmin(writer.id(), Map.of("password", "a-brand-new-password"));

        meAnswers(writer.bearer(), 401);
        meAnswers(bearer(token(writer.email(), "a-brand-new-password")), 200);
    }

    @Test
    void aNewEmailRevokesTheTokensIssuedBefore() {
        NewUser writer = newUser(Role.DOMAIN_WRITE);

        patchAsAdmin(writer.id(), Map.of("email", "renamed-" + writer.email()));

        meAnswers(writer.bearer(), 401);
        meAnswers(bearer(token("renamed-" + writer.email(), writer.password())), 200);
    }

    @Test
    void aNewNameOrTheSameRolesKeepTheTokenValid() {
        NewUser writer = newUser(Role.DOMAIN_WRITE);

        patchAsAdmin(writer.id(), Map.of("firstName", "Renamed", "roles", Set.of(Role.DOMAIN_WRITE)));

        assertCreatesADomain(writer.bearer());
    }

    @Test
    void aChangeMadeByAnotherReplicaIsSeenWithinASecond() {
        NewUser writer = newUser(Role.DOMAIN_WRITE);
        meAnswers(writer.bearer(), 200);

        // Another replica revoked the tokens: this one hears nothing of it.
        transactions
            .executeWithoutResult(status -> jdbc.sql("UPDATE users SET token_version = token_version + 1 WHERE id = ?")
                .param(writer.id())
                .update());

        // Remembered for a second at most; the rest is slack for a busy machine.
        await().atMost(TokenVersions.REMEMBERED_FOR.plusSeconds(2))
            .pollInterval(Duration.ofMillis(50))
            .untilAsserted(() -> meAnswers(writer.bearer(), 401));
    }

    /** Owned by the administrator, so that the caller may still be deleted. */
    private void assertCreatesADomain(String bearer) {
        http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", uniqueDomain(), "expiresAt", "2030-01-01", "ownerId", adminId()))
            .exchange()
            .expectStatus()
            .isCreated();
    }

    private Object adminId() {
        return asAdmin(http.get().uri("/api/v1/users/me")).returnResult(Map.class).getResponseBody().get("id");
    }

    private void patchAsAdmin(long userId, Map<String, Object> changes) {
        asAdmin(http.patch().uri("/api/v1/users/" + userId).contentType(MediaType.APPLICATION_JSON).body(changes))
            .expectStatus()
            .isOk();
    }

    private void meAnswers(String bearer, int status) {
        http.get()
            .uri("/api/v1/users/me")
            .header(HttpHeaders.AUTHORIZATION, bearer)
            .exchange()
            .expectStatus()
            .isEqualTo(status);
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec asAdmin(
            org.springframework.test.web.servlet.client.RestTestClient.RequestHeadersSpec<?> request) {
        return request.header(HttpHeaders.AUTHORIZATION, bearer(adminToken())).exchange();
    }

}
