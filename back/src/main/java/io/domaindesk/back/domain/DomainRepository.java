package io.domaindesk.back.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DomainRepository extends JpaRepository<Domain, Long> {

    boolean existsByName(String name);

    boolean existsByOwnerId(Long ownerId);

    /**
     * Locks the domain's row until the transaction ends, so that concurrent changes of
     * one domain apply one after the other; empty when there is no such domain. Called
     * before the domain is read, so that the read sees the last committed change.
     */
    @Query(value = "SELECT id FROM domains WHERE id = :id FOR UPDATE", nativeQuery = true)
    Optional<Long> lock(long id);

    /**
     * The ids of the domains matching an optional LIKE {@code pattern} (escape {@code \})
     * on name, registrar or notes, expiring on or before an optional date (expired ones
     * included), one page of them. Ids only: the database cuts the page from an index
     * instead of sorting the rows joined to their owners (docs/performance.md);
     * {@link #findWithOwnerByIdIn} then reads the page's rows.
     */
    @Query(value = "select d.id" + SEARCH, countQuery = "select count(d)" + SEARCH)
    Page<Long> searchIds(String pattern, LocalDate expiringBy, Pageable pageable);

    /**
     * The search of {@link #searchIds}, after its select. The count query is declared:
     * otherwise Spring Data has Hibernate derive one on every call, translated anew each
     * time instead of once (docs/performance.md).
     */
    String SEARCH = """
             from Domain d
            where (:pattern is null
                   or d.name like :pattern escape '\\'
                   or lower(d.registrar) like :pattern escape '\\'
                   or lower(d.notes) like :pattern escape '\\')
              and (:expiringBy is null or d.expiresAt <= :expiringBy)
            """;

    /**
     * These domains, each with its owner in the same select (a join), in no given order.
     */
    @EntityGraph(attributePaths = "owner")
    List<Domain> findWithOwnerByIdIn(Collection<Long> ids);

}
