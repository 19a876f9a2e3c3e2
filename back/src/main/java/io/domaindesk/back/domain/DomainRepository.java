package io.domaindesk.back.domain;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DomainRepository extends JpaRepository<Domain, Long> {

    boolean existsByOwnerId(Long ownerId);

    /**
     * Locks the domain's row until the transaction ends, so that concurrent changes of
     * one domain apply one after the other; empty when there is no such domain. Called
     * before the domain is read, so that the read sees the last committed change.
     */
    @Query(value = "SELECT id FROM domains WHERE id = :id FOR UPDATE", nativeQuery = true)
    Optional<Long> lock(long id);

    /**
     * The domains matching an optional LIKE {@code pattern} (escape {@code \}) on name,
     * registrar or notes, expiring on or before an optional date (expired ones included),
     * one page of them. The select reads domains alone; Hibernate then reads the page's
     * owners in one more select ({@code default_batch_fetch_size}, at least the largest
     * page). A join would make the database sort the page's rows joined to every owner.
     */
    @Query(value = "select d" + SEARCH, countQuery = "select count(d)" + SEARCH)
    Page<Domain> search(String pattern, LocalDate expiringBy, Pageable pageable);

    /**
     * The search of {@link #search}, after its select. The count query is declared:
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

}
