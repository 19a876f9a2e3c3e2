package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.domaindesk.back.HibernateStatisticsTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A page costs the same number of SQL statements whatever its size, up to the largest
 * page a client may ask for: the owners of the domains on a page, and the roles of the
 * users on a page, in one select each, not one select per row. Counted by Hibernate's
 * statistics around real HTTP requests.
 */
class PageStatementsTest extends HibernateStatisticsTest {

    @Value("${spring.data.web.pageable.max-page-size}")
    private int largestPage;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void aPageOfDomainsWithDistinctOwnersCostsAsManyStatementsAt3RowsAsAtTheLargestPage() {
        String prefix = ownersEachWithADomain(largestPage);

        long small = statementsFor("/api/v1/domains?size=3&q=" + prefix, 3);
        long large = statementsFor("/api/v1/domains?size=" + largestPage + "&q=" + prefix, largestPage);

        assertThat(large).as("statements for a page of %d domains", largestPage).isEqualTo(small);
    }

    @Test
    void aPageOfUsersCostsAsManyStatementsAt3RowsAsAtTheLargestPage() {
        String prefix = ownersEachWithADomain(largestPage);

        long small = statementsFor("/api/v1/users?size=3&q=" + prefix, 3);
        long large = statementsFor("/api/v1/users?size=" + largestPage + "&q=" + prefix, largestPage);

        assertThat(large).as("statements for a page of %d users", largestPage).isEqualTo(small);
    }

    /**
     * {@code count} users with a role each, each owning one domain, all named after the
     * prefix returned. Written in SQL: through the API, hashing the passwords alone would
     * take seconds.
     */
    private String ownersEachWithADomain(int count) {
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 8);
        // One transaction: the pool's connections do not commit on their own.
        new TransactionTemplate(transactionManager).executeWithoutResult(transaction -> {
            for (int i = 0; i < count; i++) {
                KeyHolder owner = new GeneratedKeyHolder();
                jdbc.sql("""
                        INSERT INTO users (email, first_name, last_name, password_hash, created_at, updated_at)
                        VALUES (?, 'Page', 'Owner', 'no password', NOW(6), NOW(6))""")
                    .param(prefix + "-" + i + "@domaindesk.test")
                    .update(owner);
                long ownerId = owner.getKey().longValue();
                jdbc.sql("INSERT INTO user_roles (user_id, role_name) VALUES (?, 'DOMAIN_READ')")
                    .param(ownerId)
                    .update();
                jdbc.sql("""
                        INSERT INTO domains (name, expires_at, owner_id, created_at, updated_at)
                        VALUES (?, '2030-01-01', ?, NOW(6), NOW(6))""")
                    .params(prefix + "-" + i + ".example.com", ownerId)
                    .update();
            }
        });
        return prefix;
    }

    private long statementsFor(String uri, int rows) {
        statistics.clear();
        Map<?, ?> page = getAsAdmin(uri);
        long statements = statistics.getPrepareStatementCount();
        System.out.printf("%s: %d rows, %d statements%n", uri, content(page).size(), statements);
        assertThat(content(page)).as("rows on the page of %s", uri).hasSize(rows);
        return statements;
    }

}
