package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.domaindesk.back.ApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.test.context.TestPropertySource;

/**
 * What an authenticated read costs on the wire to the database: the read, ended by one
 * COMMIT; the token check, at most once a second per user, ended by a ROLLBACK; and no
 * SET statement around the transaction (auto-commit off and on; on MySQL, whose version
 * the driver checks, also the read-only mode). A create: its owner's select, the insert
 * and one COMMIT. Counted by the database server itself: with one pooled connection, its
 * session counters ({@code SHOW SESSION STATUS}) see every statement the back sends.
 */
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=1")
class RoundTripsTest extends ApiTest {

    private static final int READS = 20;

    private static final int CREATES = 10;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void readingADomainSendsOneQueryAndOneTransactionEndAndNoSessionSettings() {
        long id = newDomain(uniqueDomain(), "2031-05-01");
        String admin = bearer(adminToken());

        Map<String, Long> before = sessionCounters();
        long start = System.nanoTime();
        for (int i = 0; i < READS; i++) {
            http.get()
                .uri("/api/v1/domains/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, admin)
                .exchange()
                .expectStatus()
                .isOk();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        Map<String, Long> sent = difference(before, sessionCounters());
        System.out.printf("%d reads in %d s sent %s%n", READS, seconds, sent);

        long tokenChecks = sent.getOrDefault("Com_select", 0L) - READS;
        assertThat(tokenChecks).as("token-version reads: at most one per second of reading").isBetween(0L, seconds + 1);
        // The first SHOW SESSION STATUS, read outside a transaction, is rolled back by
        // the pool.
        assertThat(sent.getOrDefault("Com_set_option", 0L)).as("SET statements (auto-commit, read-only mode)").isZero();
        assertThat(sent.getOrDefault("Com_commit", 0L) + sent.getOrDefault("Com_rollback", 0L) - 1)
            .as("transaction ends")
            .isEqualTo(READS + tokenChecks);
    }

    /**
     * A create reads its owner and inserts; whether the name is taken is the unique key's
     * to say, not a query's.
     */
    @Test
    void creatingADomainSendsTheOwnersSelectTheInsertAndOneCommit() {
        String admin = adminToken();
        long ownerId = userId(admin);

        Map<String, Long> before = sessionCounters();
        for (int i = 0; i < CREATES; i++) {
            http.post()
                .uri("/api/v1/domains")
                .header(HttpHeaders.AUTHORIZATION, bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", uniqueDomain(), "expiresAt", "2031-05-01", "ownerId", ownerId))
                .exchange()
                .expectStatus()
                .isCreated();
        }
        Map<String, Long> sent = difference(before, sessionCounters());
        System.out.printf("%d creates sent %s%n", CREATES, sent);

        // Each token-version read ends in a ROLLBACK, as does the first SHOW SESSION
        // STATUS.
        long tokenChecks = sent.getOrDefault("Com_rollback", 0L) - 1;
        assertThat(sent.getOrDefault("Com_insert", 0L)).as("inserts").isEqualTo(CREATES);
        assertThat(sent.getOrDefault("Com_select", 0L) - tokenChecks).as("selects besides the token checks")
            .isEqualTo(CREATES);
        assertThat(sent.getOrDefault("Com_commit", 0L)).as("commits").isEqualTo(CREATES);
    }

    private Map<String, Long> sessionCounters() {
        Map<String, Long> counters = new TreeMap<>();
        jdbc.query("SHOW SESSION STATUS LIKE 'Com\\_%'",
                (RowCallbackHandler) row -> counters.put(row.getString(1), Long.parseLong(row.getString(2))));
        return counters;
    }

    private static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> sent = new TreeMap<>();
        after.forEach((name, value) -> {
            long delta = value - before.getOrDefault(name, 0L);
            if (delta != 0) {
                sent.put(name, delta);
            }
        });
        return sent;
    }

}
