package io.domaindesk.back.user;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<User, Long> {

    /** The user with its roles, in one select. */
    @EntityGraph(attributePaths = "roles")
    Optional<User> findWithRolesById(long id);

    /** The user with its roles, in one select: sign-in puts the roles in the token. */
    @EntityGraph(attributePaths = "roles")
    Optional<User> findByEmail(String email);

    /** The id alone: an external issuer's token names its user by e-mail. */
    @Query("select u.id from User u where u.email = :email")
    Optional<Long> findIdByEmail(String email);

    /** {@code pattern} is a LIKE pattern with {@code \} as escape character. */
    @Query(value = "select u" + SEARCH, countQuery = "select count(u)" + SEARCH)
    Page<User> search(String pattern, Pageable pageable);

    /**
     * The search of {@link #search}, after its select. The count query is declared:
     * otherwise Spring Data has Hibernate derive one on every call, translated anew each
     * time instead of once (docs/performance.md).
     */
    String SEARCH = """
             from User u
            where lower(u.email) like :pattern escape '\\'
               or lower(u.firstName) like :pattern escape '\\'
               or lower(u.lastName) like :pattern escape '\\'
            """;

    /**
     * Locks the user's row until the transaction ends, so that concurrent changes of one
     * user apply one after the other; empty when there is no such user. Called before the
     * user is read, so that the read sees the last committed change.
     */
    @Query(value = "SELECT id FROM users WHERE id = :id FOR UPDATE", nativeQuery = true)
    Optional<Long> lock(long id);

    /**
     * The ids of the administrators, their ADMIN rows locked until the transaction ends:
     * two requests removing administrators at once count them one after the other, so
     * they cannot remove the last two together.
     */
    @Query(value = "SELECT user_id FROM user_roles WHERE role_name = 'ADMIN' FOR UPDATE", nativeQuery = true)
    List<Long> lockAdministrators();

}
