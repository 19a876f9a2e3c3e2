package io.domaindesk.back.user;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<User, Long> {

    Optional<User> findByEmail(String email);

    boolean existsByEmail(String email);

    /** {@code pattern} is a LIKE pattern with {@code \} as escape character. */
    @Query("""
            select u from User u
            where lower(u.email) like :pattern escape '\\'
               or lower(u.firstName) like :pattern escape '\\'
               or lower(u.lastName) like :pattern escape '\\'
            """)
    Page<User> search(String pattern, Pageable pageable);

}
