package io.domaindesk.back.auth;

import static io.domaindesk.back.user.Role.ADMIN;
import static io.domaindesk.back.user.Role.AUDITOR;
import static io.domaindesk.back.user.Role.DOMAIN_READ;
import static io.domaindesk.back.user.Role.DOMAIN_WRITE;
import static io.domaindesk.back.user.Role.USER_READ;
import static io.domaindesk.back.user.Role.USER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import io.domaindesk.back.ApiTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Every role against every endpoint of the API contract: allowed calls succeed, the others
 * get 403, and a caller without a token gets 401.
 */
class RoleMatrixTest extends ApiTest {

    private static final List<String> ROLES = List.of(ADMIN, USER_READ, USER_WRITE, DOMAIN_READ, DOMAIN_WRITE, AUDITOR);
    private static final String ANYONE_SIGNED_IN = "*";
    /** One signed-in user per role, made once: bcrypt makes users slow to create on purpose. */
    private static final Map<String, NewUser> CALLERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One row of the contract's table: the call, the roles allowed, and the success status. */
    record Endpoint(String name, HttpMethod method, Function<ApiTest, String> path, Function<ApiTest, Object> body,
            Set<String> allowed, int success) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET /users/me", HttpMethod.GET, t -> "/api/v1/users/me", t -> null, Set.of(ANYONE_SIGNED_IN), 200),
                new Endpoint("GET /roles", HttpMethod.GET, t -> "/api/v1/roles", t -> null, Set.of(ANYONE_SIGNED_IN), 200),
                new Endpoint("GET /users", HttpMethod.GET, t -> "/api/v1/users", t -> null, Set.of(ADMIN, USER_READ), 200),
                new Endpoint("GET /users/{id}", HttpMethod.GET, t -> "/api/v1/users/" + ((RoleMatrixTest) t).targetUser(),
                        t -> null, Set.of(ADMIN, USER_READ), 200),
                new Endpoint("POST /users", HttpMethod.POST, t -> "/api/v1/users", t -> newUserBody(),
                        Set.of(ADMIN, USER_WRITE), 201),
                new Endpoint("PATCH /users/{id}", HttpMethod.PATCH, t -> "/api/v1/users/" + ((RoleMatrixTest) t).targetUser(),
                        t -> Map.of("firstName", "Renamed"), Set.of(ADMIN, USER_WRITE), 200),
                new Endpoint("DELETE /users/{id}", HttpMethod.DELETE, t -> "/api/v1/users/" + ((RoleMatrixTest) t).targetUser(),
                        t -> null, Set.of(ADMIN), 204),
                new Endpoint("GET /domains", HttpMethod.GET, t -> "/api/v1/domains", t -> null,
                        Set.of(DOMAIN_READ, DOMAIN_WRITE, ADMIN), 200),
                new Endpoint("GET /domains/{id}", HttpMethod.GET, t -> "/api/v1/domains/" + ((RoleMatrixTest) t).targetDomain(),
                        t -> null, Set.of(DOMAIN_READ, DOMAIN_WRITE, ADMIN), 200),
                new Endpoint("POST /domains", HttpMethod.POST, t -> "/api/v1/domains",
                        t -> Map.of("name", uniqueDomain(), "expiresAt", "2030-06-30", "ownerId", ((RoleMatrixTest) t).targetUser()),
                        Set.of(DOMAIN_WRITE, ADMIN), 201),
                new Endpoint("PATCH /domains/{id}", HttpMethod.PATCH, t -> "/api/v1/domains/" + ((RoleMatrixTest) t).targetDomain(),
                        t -> Map.of("notes", "checked"), Set.of(DOMAIN_WRITE, ADMIN), 200),
                new Endpoint("DELETE /domains/{id}", HttpMethod.DELETE, t -> "/api/v1/domains/" + ((RoleMatrixTest) t).targetDomain(),
                        t -> null, Set.of(DOMAIN_WRITE, ADMIN), 204));
    }

    static Stream<Arguments> everyRoleAgainstEveryEndpoint() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (String role : ROLES) {
                boolean allowed = endpoint.allowed().contains(ANYONE_SIGNED_IN) || endpoint.allowed().contains(role);
                cases.add(Arguments.of(endpoint, role, allowed ? endpoint.success() : 403));
            }
            cases.add(Arguments.of(endpoint, "(no role)", endpoint.allowed().contains(ANYONE_SIGNED_IN) ? endpoint.success() : 403));
            cases.add(Arguments.of(endpoint, "(no token)", 401));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("everyRoleAgainstEveryEndpoint")
    void answersAsTheContractSays(Endpoint endpoint, String role, int expected) {
        var request = http.method(endpoint.method()).uri(endpoint.path().apply(this));
        if (!role.equals("(no token)")) {
            NewUser caller = CALLERS.computeIfAbsent(role, r -> r.equals("(no role)") ? newUser() : newUser(r));
            request.header(HttpHeaders.AUTHORIZATION, caller.bearer());
        }
        Object body = endpoint.body().apply(this);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        var result = request.exchange().returnResult(String.class);
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private long targetUser() {
        return newUser(DOMAIN_READ).id();
    }

    private long targetDomain() {
        return newDomain(uniqueDomain(), "2030-06-30");
    }

    private static Map<String, Object> newUserBody() {
        return Map.of("email", "m-" + UUID.randomUUID().toString().substring(0, 8) + "@domaindesk.test",
                "firstName", "Matrix", "lastName", "Case", "password", "long-enough-password", "roles", Set.of(DOMAIN_READ));
    }
}
