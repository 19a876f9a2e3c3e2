package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.domaindesk.back.ApiTest;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * A page costs the same number of SQL statements whatever its size: the owners of the
 * domains on a page, and the roles of the users on a page, in one select each, not one
 * select per row. Counted by Hibernate's statistics around real HTTP requests.
 */
@TestPropertySource(properties = "spring.jpa.properties.hibernate.generate_statistics=true")
class PageStatementsTest extends ApiTest {

    private static final int ROWS = 12;

    @Autowired
    private EntityManagerFactory entityManagerFactory;

    private Statistics statistics;

    private String admin;

    @BeforeEach
    void statistics() {
        statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        admin = bearer(adminToken());
    }

    @Test
    void aPageOfDomainsWithDistinctOwnersCostsAsManyStatementsAt3RowsAsAt12() {
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < ROWS; i++) {
            long owner = newUser("DOMAIN_READ").id();
            createDomain(prefix + "-" + i + ".example.com", owner);
        }

        long small = statementsFor("/api/v1/domains?size=3&q=" + prefix);
        long large = statementsFor("/api/v1/domains?size=" + ROWS + "&q=" + prefix);

        assertThat(large).as("statements for a page of %d domains", ROWS).isEqualTo(small);
    }

    @Test
    void aPageOfUsersCostsAsManyStatementsAt3RowsAsAt12() {
        for (int i = 0; i < ROWS; i++) {
            newUser("AUDITOR", "DOMAIN_READ");
        }

        long small = statementsFor("/api/v1/users?size=3");
        long large = statementsFor("/api/v1/users?size=" + ROWS);

        assertThat(large).as("statements for a page of %d users", ROWS).isEqualTo(small);
    }

    private long statementsFor(String uri) {
        statistics.clear();
        Map<?, ?> page = http.get()
            .uri(uri)
            .header(HttpHeaders.AUTHORIZATION, admin)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(Map.class)
            .getResponseBody();
        long statements = statistics.getPrepareStatementCount();
        System.out.printf("%s: %d rows, %d statements%n", uri, content(page).size(), statements);
        return statements;
    }

    private void createDomain(String name, long ownerId) {
        http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, admin)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", name, "expiresAt", "2030-01-01", "ownerId", ownerId))
            .exchange()
            .expectStatus()
            .isCreated();
    }

}
