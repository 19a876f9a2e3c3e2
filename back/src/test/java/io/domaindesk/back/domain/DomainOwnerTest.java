package io.domaindesk.back.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.domaindesk.back.HibernateStatisticsTest;
import org.junit.jupiter.api.Test;

/**
 * A domain names its owner, not the owner's roles: reading a domain, or a page of them,
 * loads no collection (Hibernate's statistics count every collection loaded, fetched with
 * its owner or on its own). A user's own answers still carry the roles.
 */
class DomainOwnerTest extends HibernateStatisticsTest {

    @Test
    void readingADomainLeavesItsOwnersRolesUnread() {
        long id = newDomain(uniqueDomain(), "2031-05-01");
        statistics.clear();

        Map<?, ?> domain = getAsAdmin("/api/v1/domains/" + id);

        assertThat(((Map<?, ?>) domain.get("owner")).get("email")).as("the owner's e-mail").isNotNull();
        assertThat(collectionsLoaded()).as("collections loaded").isZero();
    }

    @Test
    void aPageOfDomainsLeavesItsOwnersRolesUnread() {
        newDomain(uniqueDomain(), "2031-05-01");
        statistics.clear();

        List<?> domains = content(getAsAdmin("/api/v1/domains?size=100"));

        assertThat(domains).isNotEmpty();
        assertThat(collectionsLoaded()).as("collections loaded").isZero();
    }

    @Test
    void aUserAndPagesOfUsersStillShowTheirRoles() {
        NewUser reader = newUser("DOMAIN_READ");

        assertThat(getAsAdmin("/api/v1/users/" + reader.id()).get("roles")).isEqualTo(List.of("DOMAIN_READ"));
        assertThat(content(getAsAdmin("/api/v1/users?q=" + reader.email()))).singleElement()
            .satisfies(user -> assertThat(((Map<?, ?>) user).get("roles")).isEqualTo(List.of("DOMAIN_READ")));
        assertThat(content(getAsAdmin("/api/v1/users?size=100")))
            .allSatisfy(user -> assertThat(((Map<?, ?>) user).get("roles")).isInstanceOf(List.class));
    }

    private long collectionsLoaded() {
        return statistics.getCollectionLoadCount() + statistics.getCollectionFetchCount();
    }

}
