package io.domaindesk.back;

import java.util.Map;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

/**
 * An {@link ApiTest} that reads what Hibernate did for its requests from Hibernate's
 * statistics (statements prepared, collections loaded), cleared by each test when it
 * starts counting. Subclasses share one application context.
 */
@TestPropertySource(properties = "spring.jpa.properties.hibernate.generate_statistics=true")
public abstract class HibernateStatisticsTest extends ApiTest {

    @Autowired
    private EntityManagerFactory entityManagerFactory;

    protected Statistics statistics;

    /** The administrator's Authorization header. */
    protected String admin;

    @BeforeEach
    void statistics() {
        statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        admin = bearer(adminToken());
    }

    /** The JSON object the administrator gets from {@code uri}, which must answer 200. */
    protected Map<?, ?> getAsAdmin(String uri) {
        return http.get()
            .uri(uri)
            .header(HttpHeaders.AUTHORIZATION, admin)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(Map.class)
            .getResponseBody();
    }

}
