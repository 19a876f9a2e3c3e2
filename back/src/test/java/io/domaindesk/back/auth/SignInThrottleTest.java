package io.domaindesk.back.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.BackApplication;
import io.domaindesk.back.MigratedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/**
 * Failed sign-ins are limited per account and per client address, before bcrypt, in
 * budgets that every replica shares through the database. Small budgets here (3 per
 * account, 6 per address, each per 15 minutes) and a clock the test moves forward. Each
 * test signs in from addresses of its own (X-Forwarded-For, trusted from the loopback
 * peer as from Traefik) and with accounts of its own.
 */
@TestPropertySource(properties = { "domaindesk.sign-in.account-failures=3", "domaindesk.sign-in.account-window=15m",
        "domaindesk.sign-in.address-failures=6", "domaindesk.sign-in.address-window=15m" })
class SignInThrottleTest extends ApiTest {

    private static final MovableClock CLOCK = new MovableClock();

    private static final SignInCostTest.CountingEncoder ENCODER = new SignInCostTest.CountingEncoder();

    @TestBean
    Clock clock;

    @TestBean
    PasswordEncoder passwordEncoder;

    static Clock clock() {
        return CLOCK;
    }

    static PasswordEncoder passwordEncoder() {
        return ENCODER;
    }

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void now() {
        CLOCK.offset = Duration.ZERO;
    }

    @Test
    void afterThreeWrongPasswordsEvenTheRightOneIsRefusedUntilTheBudgetRefills() {
        NewUser user = newUser("DOMAIN_READ");
        String address = newAddress();
        double throttledBefore = throttled("account");
        for (int i = 0; i < 3; i++) {
            signIn(http, address, user.email(), "wrong-" + i).expectStatus().isUnauthorized();
        }

        int hashesBefore = ENCODER.matches.get();
        String retryAfter = signIn(http, address, user.email(), "wrong-3").expectStatus()
            .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type")
            .isEqualTo("urn:problem-type:domaindesk:too-many-requests")
            .jsonPath("$.status")
            .isEqualTo(429)
            .jsonPath("$.detail")
            .value(detail -> assertThat((String) detail).startsWith("Too many failed sign-ins; retry in "))
            .returnResult()
            .getResponseHeaders()
            .getFirst(HttpHeaders.RETRY_AFTER);
        // One failure comes back every 15 min / 3 = 300 s.
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 300L);
        // The right password, and an e-mail spelled otherwise, are refused too...
        signIn(http, address, user.email(), user.password()).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        signIn(http, newAddress(), " " + user.email().toUpperCase() + " ", user.password()).expectStatus()
            .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        // ... without checking any password, and counted.
        assertThat(ENCODER.matches.get()).isEqualTo(hashesBefore);
        assertThat(throttled("account")).isEqualTo(throttledBefore + 3);

        CLOCK.offset = Duration.ofSeconds(Long.parseLong(retryAfter));
        signIn(http, address, user.email(), user.password()).expectStatus().isOk();
    }

    @Test
    void aSuccessfulSignInNeitherSpendsNorRefillsTheBudget() {
        NewUser user = newUser("DOMAIN_READ");
        String address = newAddress();
        signIn(http, address, user.email(), "wrong-1").expectStatus().isUnauthorized();
        signIn(http, address, user.email(), "wrong-2").expectStatus().isUnauthorized();
        signIn(http, address, user.email(), user.password()).expectStatus().isOk();
        // The third failure is still allowed (the success took nothing back)...
        signIn(http, address, user.email(), "wrong-3").expectStatus().isUnauthorized();
        // ... and the fourth is not (the success did not refill the budget).
        signIn(http, address, user.email(), "wrong-4").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void anotherAccountIsUnaffected() {
        NewUser attacked = newUser("DOMAIN_READ");
        NewUser other = newUser("DOMAIN_READ");
        String address = newAddress();
        for (int i = 0; i < 4; i++) {
            signIn(http, newAddress(), attacked.email(), "wrong-" + i);
        }
        signIn(http, address, attacked.email(), attacked.password()).expectStatus()
            .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        signIn(http, address, other.email(), other.password()).expectStatus().isOk();
        signIn(http, address, other.email(), "wrong").expectStatus().isUnauthorized();
    }

    @Test
    void oneAddressIsLimitedAcrossAccounts() {
        String address = newAddress();
        double throttledBefore = throttled("address");
        // One guess for each of six accounts: no account budget is spent, the address's
        // is.
        for (int i = 0; i < 6; i++) {
            signIn(http, address, newEmail(), "Summer2026!").expectStatus().isUnauthorized();
        }
        String seventh = newEmail();
        signIn(http, address, seventh, "Summer2026!").expectStatus()
            .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
            .expectHeader()
            .exists(HttpHeaders.RETRY_AFTER);
        assertThat(throttled("address")).isEqualTo(throttledBefore + 1);

        // The refused attempt did not spend the seventh account's budget; another address
        // may still try it.
        signIn(http, newAddress(), seventh, "Summer2026!").expectStatus().isUnauthorized();
        // A client without X-Forwarded-For is the loopback peer itself, another address.
        signIn(http, null, newEmail(), "Summer2026!").expectStatus().isUnauthorized();
    }

    @Test
    void twoInstancesShareOneBudget() {
        NewUser user = newUser("DOMAIN_READ");
        String address = newAddress();
        try (ConfigurableApplicationContext replica = startReplica(3)) {
            RestTestClient second = client(replica);
            signIn(http, address, user.email(), "wrong-1").expectStatus().isUnauthorized();
            signIn(second, address, user.email(), "wrong-2").expectStatus().isUnauthorized();
            signIn(http, address, user.email(), "wrong-3").expectStatus().isUnauthorized();
            // Three failures across both: each instance refuses the fourth, even the
            // right password.
            signIn(second, address, user.email(), user.password()).expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER);
            signIn(http, address, user.email(), user.password()).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

            // The address budget too: 3 more failures from it (6 in all) spend it.
            for (int i = 0; i < 3; i++) {
                signIn((i % 2 == 0) ? http : second, address, newEmail(), "wrong").expectStatus().isUnauthorized();
            }
            signIn(second, address, newEmail(), "wrong").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            signIn(http, address, newEmail(), "wrong").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        }
    }

    @Test
    void newLimitsApplyToBudgetsAlreadyStarted() {
        NewUser user = newUser("DOMAIN_READ");
        String address = newAddress();
        signIn(http, address, user.email(), "wrong-1").expectStatus().isUnauthorized();
        // A replica configured for 1 failure per account (the settings changed): its
        // budget for this account is a new one, not the stored 3 with 2 left.
        try (ConfigurableApplicationContext stricter = startReplica(1)) {
            signIn(client(stricter), address, user.email(), "wrong-2").expectStatus().isUnauthorized();
            signIn(client(stricter), address, user.email(), "wrong-3").expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        }
    }

    private static ResponseSpec signIn(RestTestClient client, String address, String email, String password) {
        return client.post().uri("/api/v1/auth/token").headers(headers -> {
            if (address != null) {
                headers.set("X-Forwarded-For", address);
            }
        }).contentType(MediaType.APPLICATION_JSON).body(Map.of("email", email, "password", password)).exchange();
    }

    private double throttled(String reason) {
        return meters.get("domaindesk.signin.throttled").tag("reason", reason).counter().count();
    }

    private static final AtomicInteger addresses = new AtomicInteger();

    /**
     * A documentation address (RFC 5737) no other test run uses: each run of the test has
     * its own database, each test its own addresses.
     */
    private static String newAddress() {
        int n = addresses.incrementAndGet();
        return "203.0." + (n / 250) + "." + (n % 250 + 1);
    }

    private static String newEmail() {
        return "guess-" + UUID.randomUUID().toString().substring(0, 8) + "@domaindesk.test";
    }

    /**
     * A second back on the same database, as another replica would be, with these
     * failures per account.
     */
    private static ConfigurableApplicationContext startReplica(int accountFailures) {
        var db = MigratedDatabase.get();
        return new SpringApplicationBuilder(BackApplication.class).run("--server.port=0", "--management.server.port=0",
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--domaindesk.jwt.secret=" + JWT_SECRET,
                "--domaindesk.sign-in.account-failures=" + accountFailures, "--domaindesk.sign-in.account-window=15m",
                "--domaindesk.sign-in.address-failures=6", "--domaindesk.sign-in.address-window=15m");
    }

    private static RestTestClient client(ConfigurableApplicationContext replica) {
        int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

}
