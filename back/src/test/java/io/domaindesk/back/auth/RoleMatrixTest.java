package io.domaindesk.back.auth;

import static io.domaindesk.back.user.Role.ADMIN;
import static io.domaindesk.back.user.Role.AUDITOR;
import static io.domaindesk.back.user.Role.DOMAIN_READ;
import static io.domaindesk.back.user.Role.DOMAIN_WRITE;
import static io.domaindesk.back.user.Role.USER_READ;
import static io.domaindesk.back.user.Role.USER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import io.domaindesk.back.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Every role against every endpoint of the API: allowed calls succeed, the others get
 * 403, and a caller without a token gets 401. The expected answers are written out below
 * by hand, not read from the production role table, so a change to that table that this
 * matrix does not also show makes the test fail.
 */
class RoleMatrixTest extends ApiTest {

    /** A signed-in user who holds no role at all. */
    private static final String NO_ROLE = "(none)";

    /**
     * yes = the endpoint's success status, - = 403. Columns: one signed-in user per role.
     */
    private static final String EXPECTED = """
            method path            ADMIN  USER_READ  USER_WRITE  DOMAIN_READ  DOMAIN_WRITE  AUDITOR  (none)
            GET    /users/me       yes    yes        yes         yes          yes           yes      yes
            GET    /roles          yes    yes        yes         yes          yes           yes      yes
            GET    /users          yes    yes        -           -            -             yes      -
            GET    /users/{id}     yes    yes        -           -            -             yes      -
            POST   /users          yes    -          yes         -            -             -        -
            PATCH  /users/{id}     yes    -          yes         -            -             -        -
            DELETE /users/{id}     yes    -          -           -            -             -        -
            GET    /domains        yes    -          -           yes          yes           yes      -
            GET    /domains/{id}   yes    -          -           yes          yes           yes      -
            POST   /domains        yes    -          -           -            yes           -        -
            PATCH  /domains/{id}   yes    -          -           -            yes           -        -
            DELETE /domains/{id}   yes    -          -           -            yes           -        -
            """;

    /**
     * One signed-in user per role, made once: bcrypt makes users slow to create on
     * purpose.
     */
    private static final Map<String, NewUser> CALLERS = new ConcurrentHashMap<>();

    /**
     * How to call one endpoint: its path and body (made fresh for each call), and its
     * success status.
     */
    record Call(HttpMethod method, Function<RoleMatrixTest, String> path, Function<RoleMatrixTest, Object> body,
            int success) {
    }

    private static final Map<String, Call> CALLS = Map.ofEntries(
            Map.entry("GET /users/me", new Call(HttpMethod.GET, t -> "/api/v1/users/me", t -> null, 200)),
            Map.entry("GET /roles", new Call(HttpMethod.GET, t -> "/api/v1/roles", t -> null, 200)),
            Map.entry("GET /users", new Call(HttpMethod.GET, t -> "/api/v1/users", t -> null, 200)),
            Map.entry("GET /users/{id}",
                    new Call(HttpMethod.GET, t -> "/api/v1/users/" + t.targetUser(), t -> null, 200)),
            Map.entry("POST /users", new Call(HttpMethod.POST, t -> "/api/v1/users", t -> newUserBody(), 201)),
            Map.entry("PATCH /users/{id}",
                    new Call(HttpMethod.PATCH, t -> "/api/v1/users/" + t.targetUser(),
                            t -> Map.of("firstName", "Renamed"), 200)),
            Map.entry("DELETE /users/{id}",
                    new Call(HttpMethod.DELETE, t -> "/api/v1/users/" + t.targetUser(), t -> null, 204)),
            Map.entry("GET /domains", new Call(HttpMethod.GET, t -> "/api/v1/domains", t -> null, 200)),
            Map.entry("GET /domains/{id}",
                    new Call(HttpMethod.GET, t -> "/api/v1/domains/" + t.targetDomain(), t -> null, 200)),
            Map.entry("POST /domains", new Call(HttpMethod.POST, t -> "/api/v1/domains",
                    t -> Map.of("name", uniqueDomain(), "expiresAt", "2030-06-30", "ownerId", t.targetUser()), 201)),
            Map.entry("PATCH /domains/{id}",
                    new Call(HttpMethod.PATCH, t -> "/api/v1/domains/" + t.targetDomain(),
                            t -> Map.of("notes", "checked"), 200)),
            Map.entry("DELETE /domains/{id}",
                    new Call(HttpMethod.DELETE, t -> "/api/v1/domains/" + t.targetDomain(), t -> null, 204)));

    /** The table above as endpoint → (role → allowed), in its order. */
    static Map<String, Map<String, Boolean>> expected() {
        List<String[]> rows = EXPECTED.lines().map(line -> line.strip().split("\\s+")).toList();
        List<String> roles = Arrays.asList(rows.getFirst()).subList(2, rows.getFirst().length);
        Map<String, Map<String, Boolean>> table = new LinkedHashMap<>();
        for (String[] row : rows.subList(1, rows.size())) {
            assertThat(row).as("a row of the table").hasSize(roles.size() + 2);
            Map<String, Boolean> allowed = new LinkedHashMap<>();
            for (int i = 0; i < roles.size(); i++) {
                allowed.put(roles.get(i), row[i + 2].equals("yes"));
            }
            table.put(row[0] + " " + row[1], allowed);
        }
        return table;
    }

    @Test
    void theTableCoversEveryRoleAndEveryEndpoint() {
        assertThat(expected().keySet()).containsExactlyInAnyOrderElementsOf(CALLS.keySet());
        expected().values()
            .forEach(allowed -> assertThat(allowed.keySet()).containsExactly(ADMIN, USER_READ, USER_WRITE, DOMAIN_READ,
                    DOMAIN_WRITE, AUDITOR, NO_ROLE));
    }

    static Stream<Arguments> everyRoleAgainstEveryEndpoint() {
        List<Arguments> cases = new ArrayList<>();
        expected().forEach((endpoint, allowed) -> {
            allowed.forEach(
                    (role, yes) -> cases.add(Arguments.of(endpoint, role, yes ? CALLS.get(endpoint).success() : 403)));
            cases.add(Arguments.of(endpoint, "(no token)", 401));
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("everyRoleAgainstEveryEndpoint")
    void answersAsTheTableSays(String endpoint, String role, int expected) {
        Answer answer = call(endpoint, role);
        assertThat(answer.status()).as(answer.body()).isEqualTo(expected);
    }

    @Test
    void anAuditorReadsDomainsAndUsersButChangesNothing() {
        long domain = targetDomain();
        long user = targetUser();
        for (String read : List.of("GET /domains", "GET /domains/{id}", "GET /users", "GET /users/{id}")) {
            assertThat(call(read, AUDITOR).status()).as(read).isEqualTo(200);
        }
        for (String write : List.of("POST /domains", "PATCH /domains/{id}", "DELETE /domains/{id}", "POST /users",
                "PATCH /users/{id}", "DELETE /users/{id}")) {
            assertThat(call(write, AUDITOR).status()).as(write).isEqualTo(403);
        }
        var auditor = CALLERS.computeIfAbsent(AUDITOR, this::newCaller);
        http.patch()
            .uri("/api/v1/domains/" + domain)
            .header(HttpHeaders.AUTHORIZATION, auditor.bearer())
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("notes", "changed by an auditor"))
            .exchange()
            .expectStatus()
            .isForbidden();
        http.delete()
            .uri("/api/v1/users/" + user)
            .header(HttpHeaders.AUTHORIZATION, auditor.bearer())
            .exchange()
            .expectStatus()
            .isForbidden();
        http.get()
            .uri("/api/v1/domains/" + domain)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.notes")
            .doesNotExist();
        http.get()
            .uri("/api/v1/users/" + user)
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .exchange()
            .expectStatus()
            .isOk();
    }

    record Answer(int status, String body) {
    }

    /** Calls the endpoint as a user with this role (or none, or without a token). */
    private Answer call(String endpoint, String role) {
        Call call = CALLS.get(endpoint);
        var request = http.method(call.method()).uri(call.path().apply(this));
        if (!role.equals("(no token)")) {
            request.header(HttpHeaders.AUTHORIZATION, CALLERS.computeIfAbsent(role, this::newCaller).bearer());
        }
        Object body = call.body().apply(this);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        var result = request.exchange().returnResult(String.class);
        if (result.getStatus().value() >= 400) {
            assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return new Answer(result.getStatus().value(), result.getResponseBody());
    }

    private NewUser newCaller(String role) {
        return role.equals(NO_ROLE) ? newUser() : newUser(role);
    }

    private long targetUser() {
        return newUser(DOMAIN_READ).id();
    }

    private long targetDomain() {
        return newDomain(uniqueDomain(), "2030-06-30");
    }

    private static Map<String, Object> newUserBody() {
        return Map.of("email", "m-" + UUID.randomUUID().toString().substring(0, 8) + "@domaindesk.test", "firstName",
                "Matrix", "lastName", "Case", "password", "long-enough-password", "roles", Set.of(DOMAIN_READ));
    }

}
